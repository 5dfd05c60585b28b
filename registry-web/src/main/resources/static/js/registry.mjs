// GOV.UK Frontend's components (header menu, error summary focus, notification banners, ...),
// from the WebJar the registry serves; nothing is loaded from a CDN.
import { initAll } from '/webjars/govuk-frontend/dist/govuk/govuk-frontend.min.js'

initAll()
