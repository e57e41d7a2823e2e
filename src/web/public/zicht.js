/* Zicht: progressive enhancement only; every page works without this file. */
/* global document, window */
'use strict';

// A form with data-confirm asks before it is sent (e.g. blocking a user). Without script it is
// simply sent, which is what the button says it does.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof window.HTMLFormElement)) return;
  const question = form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) event.preventDefault();
});
