import { expect, it } from 'vitest'
import { forEachEngine } from '../../test/harness/engines.js'
import { newId } from '../lib/ids.js'
import { writeTransaction } from './group-commit.js'
import { openDatabase } from './index.js'

forEachEngine('write transactions with group commit', ({ db, url }) => {
  const entry = (subject: string) => ({
    id: newId(),
    at: new Date().toISOString(),
    action: 'test.write',
    subject,
    details: '{}',
  })

  it('answers each write only once it is committed, seen from another connection', async () => {
    const other = openDatabase(url())
    try {
      const subjects = Array.from({ length: 30 }, (_, i) => `durable-${i}-${newId()}`)
      await Promise.all(
        subjects.map(async (subject) => {
          await writeTransaction(db(), (trx) => trx.insertInto('audit_log').values(entry(subject)).execute())
          const seen = await other.db
            .selectFrom('audit_log')
            .select('subject')
            .where('subject', '=', subject)
            .executeTakeFirst()
          expect(seen?.subject).toBe(subject)
        }),
      )
    } finally {
      await other.close()
    }
  })

  it('rolls back only the write that fails, and tells only that one', async () => {
    const subjects = Array.from({ length: 12 }, (_, i) => `grouped-${i}-${newId()}`)
    const outcomes = await Promise.allSettled(
      subjects.map((subject, i) =>
        writeTransaction(db(), async (trx) => {
          await trx.insertInto('audit_log').values(entry(subject)).execute()
          if (i === 5) throw new Error('refused on purpose')
          return subject
        }),
      ),
    )
    expect(outcomes.map((o) => o.status)).toEqual(
      subjects.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')),
    )
    expect((outcomes[5] as PromiseRejectedResult).reason).toEqual(new Error('refused on purpose'))
    const kept = await db()
      .selectFrom('audit_log')
      .select('subject')
      .where('subject', 'in', subjects)
      .execute()
    expect(kept.map((k) => k.subject).sort()).toEqual(subjects.filter((_, i) => i !== 5).sort())
  })
})
