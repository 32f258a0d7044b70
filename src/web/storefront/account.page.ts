import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { endSession, startSession } from '../../http/auth.js'
import type { AppDeps } from '../../http/deps.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import { authenticate, createUser, MIN_PASSWORD_LENGTH } from '../../modules/identity/index.js'
import { listMemberships } from '../../modules/shops/index.js'
import { formErrorsOf } from '../forms.js'
import { t } from '../i18n/index.js'
import { csrfInput, field, formAlert, type FormErrors } from '../views/components.js'
import { storefrontPage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'

type FormBody = Record<string, string | undefined>

/** Only local paths: "?retour=https://evil.example" must not send a person elsewhere after login. */
function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/'
}

export function registerAccountPages(app: FastifyInstance, deps: AppDeps): void {
  app.get('/connexion', async (req, reply) => {
    const query = req.query as FormBody
    return sendHtml(reply, loginPage(req, reply, { email: '', back: safeReturnPath(query.retour) }))
  })

  app.post(
    '/connexion',
    {
      preHandler: app.csrfProtection,
      config: { rateLimit: { max: deps.loginRateLimit ?? 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as FormBody
      const email = String(body.email ?? '').slice(0, 254)
      const back = safeReturnPath(body.retour)
      const user = await authenticate(deps.db, email, String(body.password ?? ''))
      if (!user)
        return sendHtml(
          reply.code(401),
          loginPage(req, reply, { email, back, alert: t('identity.invalid_credentials') }),
        )
      await startSession(req, reply, deps, user)
      // Merchants and coordinators come to work: without a page to return to, they land in the back-office.
      const works = user.role === 'coordinator' || (await listMemberships(deps.db, user.id)).length > 0
      return reply.redirect(back === '/' && works ? '/admin' : back, 303)
    },
  )

  app.get('/inscription', async (req, reply) => sendHtml(reply, signUpPage(req, reply, {})))

  app.post(
    '/inscription',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = (req.body ?? {}) as FormBody
      const values = { email: String(body.email ?? ''), displayName: String(body.displayName ?? '') }
      try {
        const user = await createUser(deps.modules.identity, {
          ...values,
          password: String(body.password ?? ''),
        })
        await startSession(req, reply, deps, user)
        return reply.redirect('/', 303)
      } catch (error) {
        if (!(error instanceof AppError) || error.kind === 'not_found') throw error
        return sendHtml(
          reply.code(httpStatusOf(error)),
          signUpPage(req, reply, { values, errors: formErrorsOf(error), alert: t(error.code) }),
        )
      }
    },
  )

  app.post('/deconnexion', { preHandler: app.csrfProtection }, async (req, reply) => {
    await endSession(req, reply, deps.db)
    return reply.redirect('/', 303)
  })
}

function loginPage(
  req: FastifyRequest,
  reply: FastifyReply,
  state: { email: string; back: string; alert?: string },
): string {
  return storefrontPage(
    { title: 'Se connecter — Comptoir', noindex: true },
    req.viewer,
    html`<section class="narrow">
      <h1>Se connecter</h1>
      !${formAlert(state.alert)}
      <form method="post" action="/connexion" class="stack">
        !${csrfInput(reply.generateCsrf())}
        <input type="hidden" name="retour" value="${state.back}" />
        !${field({ name: 'email', label: 'Adresse e-mail', type: 'email', value: state.email, required: true, attrs: { autocomplete: 'email' } })}
        !${field({ name: 'password', label: 'Mot de passe', type: 'password', required: true, attrs: { autocomplete: 'current-password' } })}
        <button type="submit" class="button primary">Se connecter</button>
      </form>
      <p>Pas encore de compte ? <a href="/inscription">Créer un compte</a></p>
    </section>`,
  )
}

function signUpPage(
  req: FastifyRequest,
  reply: FastifyReply,
  state: { values?: { email: string; displayName: string }; errors?: FormErrors; alert?: string | undefined },
): string {
  const errors = state.errors ?? {}
  return storefrontPage(
    { title: 'Créer un compte — Comptoir', noindex: true },
    req.viewer,
    html`<section class="narrow">
      <h1>Créer un compte</h1>
      !${formAlert(state.alert)}
      <form method="post" action="/inscription" class="stack" novalidate>
        !${csrfInput(reply.generateCsrf())}
        !${field({ name: 'displayName', label: 'Votre prénom ou nom', value: state.values?.displayName, errors, required: true, attrs: { autocomplete: 'name', maxlength: 80 } })}
        !${field({ name: 'email', label: 'Adresse e-mail', type: 'email', value: state.values?.email, errors, required: true, attrs: { autocomplete: 'email' } })}
        !${field({ name: 'password', label: 'Mot de passe', type: 'password', errors, required: true, hint: `Au moins ${MIN_PASSWORD_LENGTH} caractères.`, attrs: { autocomplete: 'new-password', minlength: MIN_PASSWORD_LENGTH } })}
        <button type="submit" class="button primary">Créer mon compte</button>
      </form>
      <p>Votre adresse n’est jamais transmise à des tiers. Aucun message commercial sans votre accord explicite.</p>
    </section>`,
  )
}
