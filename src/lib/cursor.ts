/** Opaque pagination cursors: the sort key of the last row seen, base64url-encoded JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

/** A cursor that does not decode to the expected shape is treated as absent (first page), not an error. */
export function decodeCursor(cursor: string | undefined, arity: number): Array<string | number> | undefined {
  if (!cursor || cursor.length > 512) return undefined
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (!Array.isArray(key) || key.length !== arity) return undefined
    if (!key.every((part) => typeof part === 'string' || typeof part === 'number')) return undefined
    return key as Array<string | number>
  } catch {
    return undefined
  }
}

export interface Page<T> {
  items: T[]
  nextCursor: string | undefined
}
