import { newId } from '../lib/ids.js'
import type { Trx } from './index.js'
import type { OutboxMessage } from './outbox-topics.js'
import { prepared, type Placeholder } from './prepared.js'

/**
 * Step: writes a message to the outbox in the caller's transaction, so it leaves if and only if the change
 * that caused it is committed. One message per (topic, key), ever.
 */
export async function enqueue(trx: Trx, message: OutboxMessage, now: string): Promise<void> {
  await insertMessage.execute(trx, {
    id: newId(),
    topic: message.topic,
    key: message.key,
    shop_id: message.shopId ?? null,
    payload: JSON.stringify(message.payload ?? null),
    created_at: now,
    not_before: message.notBefore ?? now,
  })
}

type MessageRow = {
  id: string
  topic: string
  key: string
  shop_id: string | null
  payload: string
  created_at: string
  not_before: string
}
const insertMessage = prepared((db, p: Placeholder<MessageRow>) =>
  db
    .insertInto('outbox')
    .values({
      id: p('id'),
      topic: p('topic'),
      key: p('key'),
      shop_id: p('shop_id'),
      payload: p('payload'),
      created_at: p('created_at'),
      not_before: p('not_before'),
    })
    .onConflict((oc) => oc.columns(['topic', 'key']).doNothing()),
)
