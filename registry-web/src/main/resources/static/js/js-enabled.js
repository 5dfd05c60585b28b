// GOV.UK Frontend's "JavaScript is on" classes, set before the page is drawn (loaded synchronously
// at the top of <body> by templates/layout.html; a file, not inline script, for the CSP).
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
