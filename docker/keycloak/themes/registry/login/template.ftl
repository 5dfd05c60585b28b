<#-- The registry's sign-in page layout: the GOV.UK page template, header and footer, with errors in
     a GOV.UK error summary linked to the field to fix. The macro keeps the base theme's parameters
     and sections, so Keycloak's other pages (set a password, expired links) use it too. -->
<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<#assign fieldError = (messagesPerField?? && messagesPerField.existsError('username','password'))>
<#assign errorMessage = (displayMessage && message?has_content && message.type = 'error')>
<!DOCTYPE html>
<html lang="${lang!'en'}" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title><#if fieldError || errorMessage>Error: </#if>${msg("loginTitle")}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="theme-color" content="#0b0c0c">
  <meta name="robots" content="noindex, nofollow">
  <#if properties.styles?has_content>
    <#list properties.styles?split(' ') as style>
  <link href="${url.resourcesPath}/${style}" rel="stylesheet">
    </#list>
  </#if>
</head>
<body class="govuk-template__body ${bodyClass}" data-page-id="login-${pageId!''}">
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>

<header class="govuk-header" data-module="govuk-header">
  <div class="govuk-header__container govuk-width-container">
    <div class="govuk-header__logo">
      <span class="govuk-header__link govuk-header__link--homepage">
        <span class="registry-header__name">${msg("loginTitleHtml")}</span>
      </span>
    </div>
  </div>
</header>

<div class="govuk-width-container">
  <main class="govuk-main-wrapper" id="main-content">
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <#if fieldError || errorMessage>
        <div class="govuk-error-summary" data-module="govuk-error-summary" id="error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">${msg("errorTitle")}</h2>
            <div class="govuk-error-summary__body">
              <ul class="govuk-list govuk-error-summary__list">
                <#if fieldError>
                <li><a href="#${(usernameHidden??)?then('password','username')}">${kcSanitize(messagesPerField.getFirstError('username','password'))?no_esc}</a></li>
                <#else>
                <li>${kcSanitize(message.summary)?no_esc}</li>
                </#if>
              </ul>
            </div>
          </div>
        </div>
        <#elseif displayMessage && message?has_content && !(message.type = 'warning' && isAppInitiatedAction??)>
        <div class="govuk-inset-text" id="kc-message">${kcSanitize(message.summary)?no_esc}</div>
        </#if>

        <h1 class="govuk-heading-l" id="kc-page-title"><#nested "header"></h1>

        <#if auth?has_content && auth.showUsername() && !auth.showResetCredentials()>
        <#nested "show-username">
        <p class="govuk-body" id="kc-username">
          <span id="kc-attempted-username">${auth.attemptedUsername}</span>
          (<a class="govuk-link" id="reset-login" href="${url.loginRestartFlowUrl}">${msg("restartLoginTooltip")}</a>)
        </p>
        </#if>

        <#nested "form">

        <#if auth?has_content && auth.showTryAnotherWayLink()>
        <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post">
          <input type="hidden" name="tryAnotherWay" value="on">
          <button type="submit" class="govuk-button govuk-button--secondary" id="try-another-way">${msg("doTryAnotherWay")}</button>
        </form>
        </#if>

        <#nested "socialProviders">

        <#if displayInfo>
        <div id="kc-info" class="govuk-body">
          <#nested "info">
        </div>
        </#if>
      </div>
    </div>
  </main>
</div>

<footer class="govuk-footer">
  <div class="govuk-width-container">
    <div class="govuk-footer__meta">
      <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
        <p class="govuk-body-s">${msg("loginTitleHtml")}: signing in is provided by the registry's Keycloak.</p>
      </div>
    </div>
  </div>
</footer>
</body>
</html>
</#macro>
