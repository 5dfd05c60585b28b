// The warning before a signed-in page's session times out (GOV.UK's timeout warning pattern): two
// minutes before the server forgets the session, a modal dialog says so and counts down. "Stay
// signed in" asks the registry for the page again, which renews the session; on an editor page
// "Save your answers" posts the form as "Save and come back later" does, so no answer is lost.
const dialog = document.getElementById('session-timeout-warning')
const WARN_SECONDS = 120

/** The session's timeout in seconds, from Spring's "30m", "1800s", "1h" or plain seconds. */
function timeoutSeconds (value) {
  const m = /^(\d+)\s*(s|m|h)?$/.exec((value || '').trim())
  if (!m) return 1800
  const n = parseInt(m[1], 10)
  return m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : n
}

function inWords (seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60)
    return minutes === 1 ? '1 minute' : minutes + ' minutes'
  }
  return seconds === 1 ? '1 second' : seconds + ' seconds'
}

if (dialog && typeof dialog.showModal === 'function') {
  const total = timeoutSeconds(dialog.dataset.timeout)
  const countdown = document.getElementById('session-timeout-countdown')
  const save = document.getElementById('session-timeout-save')
  const saveDraft = document.getElementById('save-draft')
  let warnAt
  let endAt
  let ticker

  function schedule () {
    const now = Date.now()
    endAt = now + total * 1000
    warnAt = endAt - Math.min(WARN_SECONDS, total / 2) * 1000
  }

  function tick () {
    const now = Date.now()
    if (now >= endAt) {
      window.location.href = '/session-expired'
      return
    }
    if (now >= warnAt) {
      countdown.textContent = inWords(Math.round((endAt - now) / 1000))
      if (!dialog.open) dialog.showModal()
    }
  }

  if (saveDraft) {
    save.hidden = false
    save.addEventListener('click', () => {
      dialog.close()
      saveDraft.click()
    })
  }
  document.getElementById('session-timeout-stay').addEventListener('click', async () => {
    try {
      await fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store' })
      schedule()
    } finally {
      dialog.close()
    }
  })
  schedule()
  ticker = window.setInterval(tick, 1000)
  window.addEventListener('pagehide', () => window.clearInterval(ticker))
}
