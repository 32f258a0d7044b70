import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { forEachEngine } from '../../test/harness/engines.js'
import { newId } from '../lib/ids.js'
import { writeTransaction } from './group-commit.js'
import { prepared, type Placeholder } from './prepared.js'

forEachEngine('prepared queries', ({ db }) => {
  type Entry = { id: string; subject: string; at: string }
  const insertEntry = prepared((db, p: Placeholder<Entry>) =>
    db
      .insertInto('audit_log')
      .values({ id: p('id'), at: p('at'), action: 'test.prepared', subject: p('subject'), details: '{}' }),
  )
  const entriesOf = prepared((db, p: Placeholder<{ subjects: string[] }>) =>
    db
      .selectFrom('audit_log')
      .select(['subject', 'action'])
      .where('subject', 'in', p('subjects'))
      .where('action', '=', 'test.prepared')
      .orderBy('subject'),
  )
  const renameEntry = prepared((db, p: Placeholder<{ subject: string; suffix: string }>) =>
    db
      .updateTable('audit_log')
      .set({ subject: sql`subject || ${p('suffix')}` })
      .where('subject', '=', p('subject')),
  )
  const entry = (subject: string): Entry => ({ id: newId(), subject, at: new Date().toISOString() })

  it('runs the same statement with new values each time, the constants of the query kept', async () => {
    const subjects = Array.from({ length: 5 }, (_, i) => `prepared-${i}-${newId()}`)
    for (const subject of subjects) await insertEntry.execute(db(), entry(subject))
    expect(await entriesOf.rows(db(), { subjects })).toEqual(
      subjects.sort().map((subject) => ({ subject, action: 'test.prepared' })),
    )
  })

  it('compiles a list of each length on its own, so no value is lost or repeated', async () => {
    const subjects = Array.from({ length: 4 }, (_, i) => `listed-${i}-${newId()}`)
    for (const subject of subjects) await insertEntry.execute(db(), entry(subject))
    for (const length of [1, 3, 2, 4, 1]) {
      const asked = subjects.slice(0, length)
      expect(
        (await entriesOf.rows(db(), { subjects: [...asked, `absent-${newId()}`] })).map((r) => r.subject),
      ).toEqual(asked)
    }
  })

  it('tells how many rows a write changed, and gives values inside raw SQL their place', async () => {
    const subject = `renamed-${newId()}`
    await insertEntry.execute(db(), entry(subject))
    expect(await renameEntry.affected(db(), { subject, suffix: '-bis' })).toBe(1)
    expect(await renameEntry.affected(db(), { subject, suffix: '-ter' })).toBe(0)
    expect((await entriesOf.first(db(), { subjects: [`${subject}-bis`] }))?.subject).toBe(`${subject}-bis`)
  })

  it('works inside a transaction and rolls back with it', async () => {
    const subject = `rolled-back-${newId()}`
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await insertEntry.execute(trx, entry(subject))
          expect(await entriesOf.rows(trx, { subjects: [subject] })).toHaveLength(1)
          throw new Error('undo')
        }),
    ).rejects.toThrow('undo')
    expect(await entriesOf.rows(db(), { subjects: [subject] })).toEqual([])
  })

  it('inside grouped writes, keeps what each write did and undoes only the one that failed', async () => {
    const subjects = Array.from({ length: 6 }, (_, i) => `grouped-${i}-${newId()}`)
    const outcomes = await Promise.allSettled(
      subjects.map((subject, i) =>
        writeTransaction(db(), async (trx) => {
          await insertEntry.execute(trx, entry(subject))
          expect(await renameEntry.affected(trx, { subject, suffix: '' })).toBe(1)
          if (i === 2) throw new Error('refused on purpose')
        }),
      ),
    )
    expect(outcomes.map((o) => o.status)).toEqual(
      subjects.map((_, i) => (i === 2 ? 'rejected' : 'fulfilled')),
    )
    expect((await entriesOf.rows(db(), { subjects })).map((r) => r.subject)).toEqual(
      subjects.filter((_, i) => i !== 2).sort(),
    )
  })
})
