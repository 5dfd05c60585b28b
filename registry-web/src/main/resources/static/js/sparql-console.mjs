// The auditors' SPARQL console (templates/audit-sparql.html): YASGUI on the registry's own /sparql
// endpoint, signed in through the page's session. Nothing is fetched from elsewhere: no endpoint
// catalogue, no prefix.cc or LOV autocompletion, no CORS proxy.

// YASGUI's markup, made to pass axe-core at WCAG 2.2 AA like the rest of the registry: its tab
// wrappers sit between the tablist and the tabs, its inputs have no labels, and CodeMirror's
// scrolling area cannot be focused. Applied again whenever YASGUI redraws.
function accessible(root) {
  for (const wrapper of root.querySelectorAll('.tabsList > .tab:not([role])')) {
    wrapper.setAttribute('role', 'presentation')
  }
  for (const add of root.querySelectorAll('.tabsList button.addTab')) {
    // new tabs come from the query pack's buttons; a button may not sit in a tablist
    const wrapper = add.parentElement
    if (wrapper && !wrapper.hidden) {
      wrapper.hidden = true
    }
  }
  for (const input of root.querySelectorAll('.autocompleteWrapper input:not([aria-label])')) {
    input.setAttribute('aria-label', 'SPARQL endpoint')
  }
  for (const area of root.querySelectorAll('.CodeMirror textarea:not([aria-label])')) {
    area.setAttribute('aria-label', 'SPARQL query')
  }
  for (const select of root.querySelectorAll('select.tableSizer:not([aria-label])')) {
    select.setAttribute('aria-label', 'Results per page')
  }
  for (const scroll of root.querySelectorAll('.CodeMirror-scroll:not([tabindex="0"])')) {
    scroll.setAttribute('tabindex', '0')
    scroll.setAttribute('aria-label', 'SPARQL query, scrollable')
  }
}

function start() {
  const Yasgui = window.Yasgui
  const element = document.getElementById('yasgui')
  if (!Yasgui || !element) {
    return
  }
  const endpoint = new URL('/sparql', window.location.href).toString()
  // the query chosen on the dashboard, or the first of the pack
  const selected = element.dataset.selected && document.getElementById('query-' + element.dataset.selected)
  const first = selected || document.querySelector('.registry-pre')
  const yasgui = new Yasgui(element, {
    requestConfig: { endpoint, method: 'POST' },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint }] },
    corsProxy: undefined,
    persistenceId: null, // queries are not kept in the browser's storage
    autofocus: false,
    yasqe: {
      autocompleters: ['variables'],
      value: first ? first.textContent : 'SELECT * WHERE { ?s ?p ?o } LIMIT 10'
    }
  })
  window.registryYasgui = yasgui
  accessible(element)
  new MutationObserver(() => accessible(element)).observe(element, { childList: true, subtree: true })
  document.getElementById('console-needs-js').hidden = true

  for (const button of document.querySelectorAll('.registry-open-query')) {
    button.hidden = false
    button.addEventListener('click', () => {
      const text = document.getElementById('query-' + button.dataset.query).textContent
      yasgui.addTab(true, { name: button.dataset.title }).setQuery(text)
      element.scrollIntoView()
    })
  }
}

if (document.readyState === 'complete') {
  start()
} else {
  window.addEventListener('load', start)
}
