import snowball from 'snowball-stemmers'

/**
 * French search normalization, shared by indexing and querying and by both engines: the database only
 * ever sees the words produced here, which is why SQLite and PostgreSQL return the same rows.
 * Pure: no I/O.
 */

const stemmer = snowball.newStemmer('french')

// Words too common to help ranking or matching in a shop catalog.
const STOP_WORDS = new Set(
  'a au aux avec ce ces dans de des du en et la le les leur mais ou par pour sa se ses son sur un une vos votre nos notre d l'.split(
    ' ',
  ),
)

/** Lowercase, accents and ligatures removed, split on anything that is not a letter or digit. */
export function plainWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0 && !STOP_WORDS.has(word))
}

/**
 * The indexed form of a plain word: plural s/x dropped (Snowball keeps "velos"), then the Snowball French
 * stem ("baguettes" → "baguet", "chevaux" → "cheval").
 */
export function stemWord(word: string): string {
  if (/^\d+$/.test(word)) return word
  const singular =
    word.length > 3 && /[^s][sx]$/.test(word) && !word.endsWith('aux') ? word.slice(0, -1) : word
  return stemmer.stem(singular)
}

/** The words of a text as both engines index them, in order, repeated words kept once. */
export function indexedWords(text: string): string[] {
  return [...new Set(plainWords(text).map(stemWord))]
}

/** Index words are capped so a pasted novel in a description cannot bloat the index. */
const MAX_DOCUMENT_WORDS = 300

export function searchDocument(parts: readonly string[]): string {
  return indexedWords(parts.join(' ')).slice(0, MAX_DOCUMENT_WORDS).join(' ')
}

/** The name's words padded with spaces, so "% word %" finds whole words in a LIKE on either engine. */
export function searchName(name: string): string {
  return ` ${indexedWords(name).join(' ')} `
}

/** Typo tolerance applies to words of this many letters or more (one typo allowed). */
export const TYPO_MIN_LENGTH = 5

/** A term and its one-letter deletions: two words within one edit share at least one of these (SymSpell). */
export function spellingVariants(term: string): string[] {
  const variants = new Set([term])
  for (let i = 0; i < term.length; i++) variants.add(term.slice(0, i) + term.slice(i + 1))
  return [...variants]
}

export interface QueryWord {
  /** What the resident typed, normalized. */
  plain: string
  stem: string
  /** Whether a misspelling of this word may be corrected. */
  typoTolerant: boolean
}

/** At most this many words of a query are used; the rest of a 10 kB paste is ignored. */
export const MAX_QUERY_WORDS = 8

const MAX_QUERY_LENGTH = 200

export function parseQuery(query: string): QueryWord[] {
  // A cut through a word would make its fragment a required word: drop the fragment, unless it is all
  // there is (a query of one endless word must still find nothing rather than everything).
  const head = query.slice(0, MAX_QUERY_LENGTH)
  const whole = query.length > MAX_QUERY_LENGTH ? head.replace(/[\p{L}\p{N}]+$/u, '') : head
  const words = plainWords(/[\p{L}\p{N}]/u.test(whole) ? whole : head)
  const seen = new Set<string>()
  const result: QueryWord[] = []
  for (const plain of words) {
    const stem = stemWord(plain)
    if (seen.has(stem)) continue
    seen.add(stem)
    result.push({ plain, stem, typoTolerant: plain.length >= TYPO_MIN_LENGTH && !/^\d+$/.test(plain) })
    if (result.length === MAX_QUERY_WORDS) break
  }
  return result
}

/** Levenshtein distance ≤ 1 with adjacent transposition counted as one edit (Damerau). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  if (a.length === b.length) {
    const diffs: number[] = []
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i)
    if (diffs.length === 1) return true
    return (
      diffs.length === 2 &&
      diffs[1] === diffs[0]! + 1 &&
      a[diffs[0]!] === b[diffs[1]!] &&
      a[diffs[1]!] === b[diffs[0]!]
    )
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a]
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true
  return false
}
