import { html, type SafeHtml } from './html.js';
import type { ErrorStatus } from './http-error.js';
import type { PageContext } from './routes/route.js';
import type { SessionUser } from './policy.js';

/** Fixed Dutch texts: an error page never echoes the request or the error back. */
const TEXTS: Record<ErrorStatus, { title: string; text: string }> = {
  400: { title: 'Ongeldig verzoek', text: 'Dit verzoek kan niet worden verwerkt. Controleer de invoer en probeer het opnieuw.' },
  403: {
    title: 'Geen toegang',
    text: 'U heeft geen toegang tot deze pagina, of het formulier was verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
  },
  404: { title: 'Niet gevonden', text: 'Deze pagina bestaat niet, of u heeft er geen toegang toe.' },
  405: { title: 'Niet toegestaan', text: 'Deze handeling is hier niet mogelijk.' },
  413: { title: 'Te groot', text: 'Wat u verstuurde is te groot.' },
  415: { title: 'Ongeldig formulier', text: 'Dit soort invoer wordt niet geaccepteerd.' },
  429: { title: 'Te veel verzoeken', text: 'Probeer het over enige tijd opnieuw.' },
  500: { title: 'Er ging iets mis', text: 'Er ging aan onze kant iets mis. Probeer het later opnieuw; blijft het misgaan, meld het dan bij de beheerder.' },
  503: { title: 'Even niet beschikbaar', text: 'Zicht is even niet beschikbaar. Probeer het later opnieuw.' },
};

export function errorPage(ctx: PageContext<SessionUser | null>, status: ErrorStatus): SafeHtml {
  const { title, text } = TEXTS[status];
  const back = ctx.user ? html`<p><a href="/">Naar de startpagina</a></p>` : html`<p><a href="/inloggen">Naar de inlogpagina</a></p>`;
  return ctx.page(title, html`<h1>${title}</h1><p>${text}</p>${back}`);
}
