import { userInfo } from 'node:os';
import { DISTRICTS, type District } from '../domain/districts.js';
import type { UserRole } from '../domain/review.js';
import { audit, createUser, disableUser, listUsers, setPasswordHash, UsernameTakenError, type Db } from '../store/index.js';
import { hashPassword, passwordProblem } from '../web/auth/password.js';
import { normaliseUsername } from '../web/auth/username.js';
import { loggerFor, openMigratedDb, settingsOrExit } from './context.js';
import { formatTable, formatTime } from './table.js';

/**
 * The one way to pass a new password without a prompt and without stdin, for provisioning
 * scripts. Never a command-line argument: those show up in `ps` and shell history.
 */
export const PASSWORD_ENV = 'ZICHT_NEW_PASSWORD';

/** Wrong input: message on stderr, exit code 1, nothing changed. */
class UsageError extends Error {}

function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return `cli:${process.env.USER ?? 'unknown'}`;
  }
}

function canonicalUsername(typed: string): string {
  const name = normaliseUsername(typed);
  if (!name) throw new UsageError(`invalid username "${typed}": 2 to 64 of a-z, 0-9, ".", "_", "-", starting with a letter or digit`);
  return name;
}

function districtOf(role: UserRole, typed: string | undefined): District | null {
  if (role !== 'coordinator') {
    if (typed) throw new UsageError(`--district is for coordinators only (an ${role} sees ${role === 'admin' ? 'every district' : 'aggregates only'})`);
    return null;
  }
  const district = DISTRICTS.find((d) => d.toLowerCase() === typed?.trim().toLowerCase());
  if (!district) throw new UsageError(`a coordinator needs --district, one of: ${DISTRICTS.map((d) => `"${d}"`).join(', ')}`);
  return district;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The first line is the password: `echo "$PW" | zicht users add …` adds a newline.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0003' || ch === '\u0004') {
          finish();
          if (ch === '\r' || ch === '\n') resolve(value);
          else reject(new UsageError('cancelled')); // Ctrl-C, Ctrl-D
          return;
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    process.stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The new password: from stdin, the environment, or a terminal prompt (twice). */
async function readNewPassword(options: { passwordStdin?: boolean | undefined }): Promise<string> {
  let password: string;
  if (options.passwordStdin) password = await readStdin();
  else if (process.env[PASSWORD_ENV]) password = process.env[PASSWORD_ENV];
  else if (process.stdin.isTTY) {
    password = await promptHidden('New password: ');
    if ((await promptHidden('Again: ')) !== password) throw new UsageError('the passwords differ; nothing changed');
  } else throw new UsageError(`no terminal to ask for a password: pipe it in with --password-stdin (or set ${PASSWORD_ENV})`);
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(problem);
  return password;
}

/** Runs a users command; wrong input exits 1 with its message and changes nothing. */
async function run(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof UsernameTakenError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

/** The migrated database for one command (input is validated before, so a typo opens nothing). */
async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const settings = settingsOrExit();
  const db = await openMigratedDb(settings, loggerFor(settings));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export interface UsersAddOptions {
  role: UserRole;
  district?: string | undefined;
  passwordStdin?: boolean | undefined;
}

/** `zicht users add NAME --role R [--district D] [--password-stdin]`. */
export function usersAdd(typedName: string, options: UsersAddOptions): Promise<void> {
  return run(async () => {
    const username = canonicalUsername(typedName);
    const district = districtOf(options.role, options.district);
    const passwordHash = await hashPassword(await readNewPassword(options));
    const details = { role: options.role, district };
    const user = await withDb((db) =>
      db.transaction(async (tx) => {
        const created = await createUser(tx, { username, passwordHash, role: options.role, district });
        await audit(tx, { userId: null, username: cliActor(), action: 'user_add', target: username, details });
        return created;
      }),
    );
    console.log(`user ${user.username} added (${user.role}${user.district ? `, ${user.district}` : ''})`);
  });
}

/** `zicht users list [--json]`. */
export function usersList(options: { json?: boolean | undefined }): Promise<void> {
  return run(async () => {
    const users = await withDb(listUsers);
    if (options.json) console.log(JSON.stringify(users, null, 2));
    else if (users.length === 0) console.log('no users yet: zicht users add NAME --role admin');
    else {
      const rows = users.map((u) => [u.username, u.role, u.district ?? '-', u.disabled ? 'disabled' : 'active', formatTime(u.createdAt), formatTime(u.lastLoginAt)]);
      console.log(formatTable(['username', 'role', 'district', 'status', 'created', 'last login'], rows));
    }
  });
}

/** `zicht users disable NAME`: the account can no longer log in, and its open sessions end now. */
export function usersDisable(typedName: string): Promise<void> {
  return run(async () => {
    const username = canonicalUsername(typedName);
    const user = await withDb((db) =>
      db.transaction(async (tx) => {
        const disabled = await disableUser(tx, username);
        if (disabled) await audit(tx, { userId: null, username: cliActor(), action: 'user_disable', target: username });
        return disabled;
      }),
    );
    if (!user) throw new UsageError(`no user "${username}"`);
    console.log(`user ${username} disabled; its sessions are ended`);
  });
}

/** `zicht users password NAME [--password-stdin]`: a new password; the account's sessions end. */
export function usersPassword(typedName: string, options: { passwordStdin?: boolean | undefined }): Promise<void> {
  return run(async () => {
    const username = canonicalUsername(typedName);
    const passwordHash = await hashPassword(await readNewPassword(options));
    const user = await withDb((db) =>
      db.transaction(async (tx) => {
        const changed = await setPasswordHash(tx, username, passwordHash);
        if (changed) await audit(tx, { userId: null, username: cliActor(), action: 'user_password', target: username });
        return changed;
      }),
    );
    if (!user) throw new UsageError(`no user "${username}"`);
    console.log(`password of ${username} changed; its sessions are ended`);
  });
}
