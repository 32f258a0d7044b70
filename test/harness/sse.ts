import type { Json } from './json.js'

/** Reads server-sent events off a fetch body, one at a time, each with a deadline. */
export class EventReader {
  private buffer = ''
  private readonly decoder = new TextDecoder()
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async next(timeoutMs: number): Promise<{ event: string; data: Json }> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const end = this.buffer.indexOf('\n\n')
      if (end >= 0) {
        const block = this.buffer.slice(0, end)
        this.buffer = this.buffer.slice(end + 2)
        const event = /^event: (.+)$/m.exec(block)?.[1]
        const data = /^data: (.+)$/m.exec(block)?.[1]
        if (event && data) return { event, data: JSON.parse(data) }
        continue
      }
      const left = deadline - Date.now()
      if (left <= 0) throw new Error('no event in time')
      let timer: NodeJS.Timeout | undefined
      const chunk = await Promise.race([
        this.reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no event in time')), left)
        }),
      ]).finally(() => clearTimeout(timer))
      if (chunk.done) throw new Error('stream ended')
      this.buffer += this.decoder.decode(chunk.value, { stream: true })
    }
  }
}
