import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port>, for smtpTransport. */
  url: string
  /** Every message received so far, parsed. */
  received: ParsedMail[]
  /** Waits until at least `count` messages arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>
  /** The messages received so far for one address, in order. */
  to(email: string): ParsedMail[]
  /** Waits until `count` messages arrived for one address; the failure says `context()` (e.g. the worker's errors). */
  waitForTo(email: string, count: number, timeoutMs?: number, context?: () => string): Promise<ParsedMail[]>
  close(): Promise<void>
}

/** A real SMTP server on loopback that keeps what it receives: mail tests check what really left. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ParsedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail)
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const to = (email: string) =>
    received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === email)
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, received ${received.length}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      return received
    },
    to,
    async waitForTo(email, count, timeoutMs = 10_000, context = () => '') {
      const until = Date.now() + timeoutMs
      while (to(email).length < count) {
        if (Date.now() > until)
          throw new Error(`expected ${count} messages to ${email}, received ${to(email).length} ${context()}`)
        await new Promise((r) => setTimeout(r, 50))
      }
      return to(email)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
