import type { FastifyReply } from 'fastify'

/** Sends a rendered page as HTML; the caller sets its status and cache headers first. */
export const sendHtml = (reply: FastifyReply, page: string) =>
  reply.type('text/html; charset=utf-8').send(page)
