import type { Trx } from '../../db/index.js'
import { searchDocument, searchName, spellingVariants, TYPO_MIN_LENGTH } from './search-text.js'

/** Step: the search columns of a product, computed from what the resident can read on its page. */
export function searchColumns(name: string, description: string, categoryName: string | undefined) {
  return {
    search_document: searchDocument([name, categoryName ?? '', description]),
    search_name: searchName(name),
  }
}

/**
 * Step: records the spelling neighbours of a document's words, so a query word with one typo finds them.
 * Shorter words are left out: below TYPO_MIN_LENGTH - 1 letters a one-letter edit changes the word too much.
 */
export async function rememberSpellings(trx: Trx, document: string): Promise<void> {
  const rows: Array<{ variant: string; term: string }> = []
  for (const term of new Set(document.split(' '))) {
    if (term.length < TYPO_MIN_LENGTH - 1 || /^\d+$/.test(term)) continue
    for (const variant of spellingVariants(term)) rows.push({ variant, term })
  }
  // A fixed order: two transactions inserting overlapping words lock them in the same order (no deadlock).
  rows.sort((a, b) =>
    a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : a.term < b.term ? -1 : a.term > b.term ? 1 : 0,
  )
  // Batches keep each statement under both engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 400) {
    await trx
      .insertInto('search_terms')
      .values(rows.slice(i, i + 400))
      .onConflict((oc) => oc.columns(['variant', 'term']).doNothing())
      .execute()
  }
}
