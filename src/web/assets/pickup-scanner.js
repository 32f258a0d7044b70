// UX-12: staff scan the resident's pickup QR code with the phone camera; a readable code fills the
// pickup form and sends it, so a hand-over is one tap. Without this script (or without a camera) the
// typed-code form above stays the way to do it: every failure says so and hands focus back to it.
;(() => {
  const box = document.querySelector('[data-pickup-scanner]')
  const form = document.querySelector('form.pickup-form')
  const input = form && form.querySelector('input[name="code"]')
  if (!box || !input) return
  const start = box.querySelector('[data-scan-start]')
  const cancel = box.querySelector('[data-scan-cancel]')
  const view = box.querySelector('[data-scan-view]')
  const video = box.querySelector('video')
  const status = box.querySelector('[data-scan-status]')
  // The server's pickup-code alphabet (modules/ordering/rules.ts): anything else is not one of our codes.
  const PICKUP_CODE = /^[ABCDEFGHJKMNPQRTUVWXY346789]{6}$/
  const EVERY_MS = 150
  let stream,
    timer,
    decode,
    sent = false

  // Screen readers announce a live region only when its text changes.
  const say = (text) => {
    if (status.textContent !== text) status.textContent = text
  }

  function stop() {
    clearTimeout(timer)
    if (stream) stream.getTracks().forEach((track) => track.stop())
    stream = undefined
    video.srcObject = null
    view.hidden = true
    start.hidden = false
  }

  /** A camera or decoder failure: say why, and put the person back on the typed code. */
  function giveUp(text) {
    stop()
    say(text)
    input.focus()
  }

  function cameraErrorText(error) {
    switch (error && error.name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return 'Accès à la caméra refusé : autorisez-le dans les réglages du navigateur, ou tapez le code.'
      case 'NotFoundError':
      case 'OverconstrainedError':
        return 'Aucune caméra trouvée sur cet appareil : tapez le code.'
      case 'NotReadableError':
        return 'La caméra est déjà utilisée par une autre application : fermez-la, ou tapez le code.'
      default:
        return 'La caméra n’a pas pu démarrer : tapez le code.'
    }
  }

  /** The native BarcodeDetector where the browser has one for QR codes, else jsQR loaded on first use. */
  async function makeDecoder() {
    if ('BarcodeDetector' in window) {
      const formats = await window.BarcodeDetector.getSupportedFormats().catch(() => [])
      if (formats.includes('qr_code')) {
        const detector = new window.BarcodeDetector({ formats: ['qr_code'] })
        return async () => (await detector.detect(video)).map((code) => code.rawValue)[0]
      }
    }
    if (!window.jsQR) {
      await new Promise((resolve, reject) => {
        const script = document.createElement('script')
        script.src = box.dataset.decoder
        script.onload = resolve
        script.onerror = reject
        document.head.append(script)
      })
    }
    const canvas = document.createElement('canvas')
    const context = canvas.getContext('2d', { willReadFrequently: true })
    return async () => {
      // A phone camera gives large frames; 640 px wide is plenty for a code held at the counter.
      const scale = Math.min(1, 640 / video.videoWidth)
      const width = (canvas.width = Math.round(video.videoWidth * scale))
      const height = (canvas.height = Math.round(video.videoHeight * scale))
      context.drawImage(video, 0, 0, width, height)
      const found = window.jsQR(context.getImageData(0, 0, width, height).data, width, height, {
        inversionAttempts: 'dontInvert',
      })
      return found ? found.data : undefined
    }
  }

  async function scan() {
    if (!stream) return
    let text
    if (video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      try {
        text = await decode()
      } catch {
        return giveUp('Lecture du QR code impossible sur cet appareil : tapez le code.')
      }
    }
    if (!stream) return
    if (text !== undefined) {
      const code = text.toUpperCase().replace(/[\s-]/g, '')
      if (PICKUP_CODE.test(code)) return submit(code)
      say('Ce QR code n’est pas un code de retrait : visez celui du client, ou tapez le code.')
    }
    timer = setTimeout(() => void scan(), EVERY_MS)
  }

  function submit(code) {
    if (sent) return
    sent = true
    stop()
    input.value = code
    say(`Code ${code.slice(0, 3)} ${code.slice(3)} lu : remise en cours…`)
    if (form.requestSubmit) form.requestSubmit()
    else form.submit()
  }

  start.addEventListener('click', async () => {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      // Also the case of a page not served over HTTPS: browsers hide the camera there.
      return giveUp('Aucune caméra n’est disponible ici : tapez le code.')
    }
    sent = false
    start.hidden = true
    view.hidden = false
    cancel.focus()
    say('Ouverture de la caméra…')
    try {
      // "ideal": the rear camera on a phone, and still the only camera on a laptop.
      const [opened, decoder] = await Promise.all([
        navigator.mediaDevices.getUserMedia({
          video: { facingMode: { ideal: 'environment' } },
          audio: false,
        }),
        decode ? decode : makeDecoder().catch(() => undefined),
      ])
      if (view.hidden) return opened.getTracks().forEach((track) => track.stop()) // "Annuler" came first
      stream = opened
      if (!decoder) return giveUp('Lecture du QR code impossible sur cet appareil : tapez le code.')
      decode = decoder
      video.srcObject = stream
      await video.play()
      say('Visez le QR code du client.')
      // Fire and forget: scan() catches its decoder's failures itself and hands back to the typed code.
      void scan()
    } catch (error) {
      giveUp(cameraErrorText(error))
    }
  })

  cancel.addEventListener('click', () => {
    stop()
    say('Caméra arrêtée.')
    start.focus()
  })

  // Never leave the camera on behind the person's back: another app, a locked phone, another page.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden && stream) {
      stop()
      say('Caméra arrêtée.')
    }
  })
  window.addEventListener('pagehide', stop)

  box.hidden = false
})()
