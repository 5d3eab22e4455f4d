/** A step into a register: a key of a mapping or an index in a list. */
export type RegisterPath = readonly (string | number)[];

/**
 * Where each part of a joined register was written: `activities/3/lawful_basis` maps to
 * `activities.yaml:41`. Plain data, so the checks that use it stay pure.
 */
export type SourceLocations = Readonly<Record<string, string>>;

export function pathKey(path: RegisterPath): string {
  return path.join('/');
}

/**
 * The location of `path`, or of its nearest ancestor that has one (a missing key is reported
 * where the mapping that lacks it starts); `fallback` when nothing on the path was written in a
 * file, such as a built-in data category.
 */
export function locate(locations: SourceLocations, path: RegisterPath, fallback: string): string {
  for (let length = path.length; length > 0; length--) {
    const where = locations[pathKey(path.slice(0, length))];
    if (where !== undefined) return where;
  }
  return fallback;
}

/** Splits `file.yaml:12` into its file and line, for sorting; a `where` with no line sorts first in its file. */
export function splitWhere(where: string): { file: string; line: number } {
  const match = /^(.*):(\d+)$/.exec(where);
  return match ? { file: match[1] ?? where, line: Number(match[2]) } : { file: where, line: 0 };
}
