/**
 * JSON Pointers (RFC 6901), the one place their escaping is written: a reference token writes
 * "~" as "~0" and "/" as "~1" (in that order), and is read back the other way round. The
 * escaping itself is fast-json-patch's, the library that applies the compare's patches, so a
 * pointer this service writes is one that library reads the same way.
 */
import jsonpatch from 'fast-json-patch'

/** One reference token as written in a pointer: `a/b~c` → `a~1b~0c`. */
export const escapeToken = (name: string): string => jsonpatch.escapePathComponent(name)

/** One reference token as the name it stands for: `a~1b~0c` → `a/b~c`. */
export const unescapeToken = (token: string): string => jsonpatch.unescapePathComponent(token)

/** A pointer's names, unescaped: `/a~1b/0` → `['a/b', '0']`; `''` (the whole document) → `[]`. */
export const pointerTokens = (pointer: string): string[] =>
  pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeToken)

/** The pointer of a path of names and indexes: `['a/b', 0]` → `/a~1b/0`. */
export const pointerOf = (path: ReadonlyArray<string | number>): string =>
  path.map((name) => `/${escapeToken(String(name))}`).join('')
