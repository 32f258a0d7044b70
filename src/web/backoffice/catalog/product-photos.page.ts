import type { FastifyInstance } from 'fastify'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import type { MediaId, ProductId } from '../../../lib/ids.js'
import { addProductPhoto, getProduct, removeProductPhoto } from '../../../modules/catalog/index.js'
import { bodyOf, formErrorsOf, fileOf, isFormError, text } from '../../forms.js'
import { fieldMessage, t } from '../../i18n/index.js'
import { withNotice } from '../admin-shell.js'
import { showProductPage } from './product-edit.page.js'

type Params = { Params: { shopId: string; productId: string } }

/** Adding a photo (multipart, with its text alternative) and taking one down at once. */
export function registerProductPhotoRoutes(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/produits/:productId/photos'

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const productId = req.params.productId as ProductId
    const body = bodyOf(req.body)
    const alt = text(body, 'alt', 200)
    const photo = fileOf(body, 'photo')
    const again = (status: number, errors: Record<string, string>, alert: string) =>
      showProductPage(deps, req, reply.code(status), membership, productId, { photo: { alt, errors, alert } })
    if (!photo) {
      await getProduct(deps.db, membership.shopId, productId) // another shop's product: 404 before any message
      return again(400, { photo: fieldMessage('required') }, 'Choisissez une photo à envoyer.')
    }
    try {
      await addProductPhoto(
        deps.modules.catalog,
        req.viewer.user!.id,
        membership.shopId,
        productId,
        photo,
        alt,
      )
    } catch (error) {
      if (!isFormError(error)) throw error
      return again(httpStatusOf(error), formErrorsOf(error), t(error.code))
    }
    return reply.redirect(
      withNotice(`/admin/${membership.shopId}/produits/${productId}`, 'photo-ajoutee'),
      303,
    )
  })

  admin.post<{ Params: { shopId: string; productId: string; photoId: string } }>(
    `${path}/:photoId/supprimer`,
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const productId = req.params.productId as ProductId
      await removeProductPhoto(
        deps.modules.catalog,
        req.viewer.user!.id,
        membership.shopId,
        productId,
        req.params.photoId as MediaId,
      )
      return reply.redirect(
        withNotice(`/admin/${membership.shopId}/produits/${productId}`, 'photo-retiree'),
        303,
      )
    },
  )
}
