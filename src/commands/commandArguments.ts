/**
 * Command arguments, checked on receipt like the chat's webview messages
 * (src/shared/protocol.ts): any extension, keybinding, link or menu can run
 * a command with any value, so each command declares the shape it takes and
 * gets a typed value, or the reason the value does not fit, worded to name
 * the fix. No `vscode` import, so the checks run in plain Node; a command
 * that takes a VS Code type (a target Uri) brings its own `rule`.
 *
 * What menus pass is context, not an argument: the editor's context and
 * title menus pass the document's Uri, the explorer that Uri and the
 * selected ones. A command reads such a value as "no argument", and asks its
 * questions, unless the field at that position takes a Uri.
 */

import { maxProfileNameChars } from '../generation/endpointProfiles';

/** How one field is checked: what it expects, and the value it reads from what was passed. */
export interface FieldRule<T> {
  /** Completes "must be …": "a string", "one of replace, insertBelow". */
  readonly expects: string;
  /** The value as the command gets it (undefined inside: the field counts as left out); undefined when it does not fit. */
  read(value: unknown): { value: T } | undefined;
  /** The field must be there whenever an argument is given. */
  readonly required?: boolean;
}

export function rule<T>(expects: string, read: (value: unknown) => { value: T } | undefined): FieldRule<T> {
  return { expects, read };
}

export const text = rule('a string', (value) => (typeof value === 'string' ? { value } : undefined));

/** A string with its edge spaces cut; a blank one counts as left out. */
export const trimmedText = rule('a string', (value) => (typeof value === 'string' ? { value: value.trim() || undefined } : undefined));

export const flag = rule('true or false', (value) => (typeof value === 'boolean' ? { value } : undefined));

/** Counts from 0: review ids, the alternative to take. */
export const wholeNumber = rule('a whole number from 0 up', (value) =>
  Number.isInteger(value) && (value as number) >= 0 ? { value: value as number } : undefined,
);

export const positiveNumber = rule('a number greater than 0', (value) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? { value } : undefined,
);

export const textList = rule('a list of strings', (value) =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? { value: value as string[] } : undefined,
);

/** A name of `inkwell.profiles`, with its edge spaces cut. */
export const profileName = rule(`a profile name of 1 to ${maxProfileNameChars} characters`, (value) =>
  typeof value === 'string' && value.trim() && value.trim().length <= maxProfileNameChars ? { value: value.trim() } : undefined,
);

export function oneOf<T extends string>(allowed: readonly T[]): FieldRule<T> {
  return rule(`one of ${allowed.join(', ')}`, (value) => (allowed.includes(value as T) ? { value: value as T } : undefined));
}

export function required<T>(field: FieldRule<T>): FieldRule<T> & { readonly required: true } {
  return { ...field, required: true };
}

type Fields = Readonly<Record<string, FieldRule<unknown>>>;
type ValueOf<R> = R extends FieldRule<infer T> ? Exclude<T, undefined> : never;
type RequiredKeys<F> = { [K in keyof F]: F[K] extends { readonly required: true } ? K : never }[keyof F];
type Flatten<T> = { [K in keyof T]: T[K] };

/** The value a command gets for its fields: required ones always there, the others when given. */
export type FieldValues<F extends Fields> = Flatten<
  { [K in RequiredKeys<F>]: ValueOf<F[K]> } & { [K in Exclude<keyof F, RequiredKeys<F>>]?: ValueOf<F[K]> }
>;

/** What reading a command's arguments found; `value` is undefined when no argument was given. */
export type ArgumentReading<A> = { ok: true; value: A | undefined } | { ok: false; problem: string };

/** A command's arguments: what the registry checks before the command runs. */
export interface CommandArguments<A> {
  /**
   * Reads what `executeCommand` passed after the command id. `shared` are
   * fields every command takes and something else acts on (the secret
   * guard's `secrets`): they are checked, but not part of the value, and an
   * argument holding only them counts as none. Never throws.
   */
  read(args: readonly unknown[], shared?: Fields): ArgumentReading<A>;
}

/** The value type of a command's arguments. */
export type ArgumentsOf<C> = C extends CommandArguments<infer A> ? A : never;

/**
 * A command's arguments: one object of `fields`, the same fields spread over
 * several objects (`(key, { confirmed })`), or bare values that stand for a
 * field. `positions[i]` is the field a bare value at position `i` stands for
 * (`null`: only an object there); positions past the last are not read.
 */
export function commandArguments<F extends Fields>(
  fields: F,
  positions: ReadonlyArray<(keyof F & string) | null> = [],
): CommandArguments<FieldValues<F>> {
  return {
    read(args, shared = {}) {
      const known: Fields = { ...fields, ...shared };
      const shape = describeShape(Object.keys(known));
      // No prototype: a "__proto__" key from parsed JSON stays a plain (unknown) field.
      const given: Record<string, unknown> = Object.create(null);
      for (let index = 0; index < Math.max(1, positions.length); index++) {
        const arg = args[index];
        const field = positions[index] ?? undefined;
        if (arg === undefined || arg === null) continue;
        if (isMenuContext(arg)) {
          if (field && fields[field].read(arg)) given[field] = arg;
          continue;
        }
        if (isRecord(arg)) {
          for (const key of Object.keys(arg)) given[key] = arg[key];
          continue;
        }
        if (!field) return { ok: false, problem: `takes ${shape} (got ${describeValue(arg)}).` };
        given[field] = arg;
      }
      for (const key of Object.keys(given)) {
        if (!Object.prototype.hasOwnProperty.call(known, key)) {
          const near = closestName(key, Object.keys(known));
          return { ok: false, problem: `there is no "${key}" field${near ? ` (did you mean "${near}"?)` : ''}: it takes ${shape}.` };
        }
      }
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(known)) {
        if (given[key] === undefined) continue;
        const read = field.read(given[key]);
        if (!read) return { ok: false, problem: `"${key}" must be ${field.expects} (got ${describeValue(given[key])}).` };
        if (read.value !== undefined && Object.prototype.hasOwnProperty.call(fields, key)) value[key] = read.value;
      }
      if (Object.keys(value).length === 0) return { ok: true, value: undefined };
      const missing = Object.entries(fields).find(([key, field]) => field.required && value[key] === undefined);
      if (missing) return { ok: false, problem: `"${missing[0]}" is required: it takes ${shape}.` };
      return { ok: true, value: value as FieldValues<F> };
    },
  };
}

/**
 * `inkwell.switchProfile`: the profile's name alone, or `{ profile, confirmed }`.
 * Without `confirmed: true` a call with a name asks the user first, as
 * Choose Provider does: the switch changes where their text goes.
 */
export const switchProfileArguments = commandArguments({ profile: required(profileName), confirmed: flag }, ['profile']);

/** For commands that take nothing (but the shared fields). */
export const noArguments = commandArguments({});

/**
 * A value a menu passes rather than a caller: a Uri (or what one looks like
 * after passing through JSON), a list of them, a text editor.
 */
export function isMenuContext(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(isUriLike);
  return isUriLike(value) || (isRecord(value) && isRecord(value.document) && isRecord(value.selection));
}

function isUriLike(value: unknown): boolean {
  return isRecord(value) && typeof value.scheme === 'string' && typeof value.path === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeShape(names: readonly string[]): string {
  return names.length ? `{ ${names.join(', ')} }` : 'no arguments';
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'function') return 'a function';
  return String(value);
}

/** The known name a typo most likely meant: the same letters in another case, or at most two edits away. */
function closestName(name: string, known: readonly string[]): string | undefined {
  const scored = known.map((candidate) => ({
    candidate,
    distance: candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, candidate),
  }));
  const best = scored.sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= Math.min(2, Math.floor(name.length / 2)) ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}
