<#-- Username and password on one page (the realm's browser flow asks for both at once), GOV.UK
     form pattern: the error sits above the field it is about and the summary links to it. The ids
     username, password and kc-login are the ones the registry's browser tests fill in. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password'); section>
  <#if section = "header">
    ${msg("loginAccountTitle")}
  <#elseif section = "form">
    <#if realm.password>
    <#assign error = messagesPerField.existsError('username','password')>
    <form id="kc-form-login" action="${url.loginAction}" method="post" novalidate>
      <#if !usernameHidden??>
      <div class="govuk-form-group<#if error> govuk-form-group--error</#if>">
        <label class="govuk-label" for="username"><#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if></label>
        <#if error>
        <p id="username-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${kcSanitize(messagesPerField.getFirstError('username','password'))?no_esc}</p>
        </#if>
        <input class="govuk-input<#if error> govuk-input--error</#if>" id="username" name="username" type="text"
               value="${(login.username!'')}" autocomplete="username" spellcheck="false" autofocus
               <#if error>aria-describedby="username-error"</#if>>
      </div>
      </#if>
      <div class="govuk-form-group<#if error && usernameHidden??> govuk-form-group--error</#if>">
        <label class="govuk-label" for="password">${msg("password")}</label>
        <#if error && usernameHidden??>
        <p id="password-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${kcSanitize(messagesPerField.getFirstError('username','password'))?no_esc}</p>
        </#if>
        <input class="govuk-input<#if error && usernameHidden??> govuk-input--error</#if>" id="password" name="password" type="password"
               autocomplete="current-password" <#if error && usernameHidden??>aria-describedby="password-error"</#if>>
      </div>
      <#if realm.rememberMe && !usernameHidden??>
      <div class="govuk-form-group">
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id="rememberMe" name="rememberMe" type="checkbox"<#if login.rememberMe??> checked</#if>>
            <label class="govuk-label govuk-checkboxes__label" for="rememberMe">${msg("rememberMe")}</label>
          </div>
        </div>
      </div>
      </#if>
      <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>>
      <button type="submit" class="govuk-button" data-module="govuk-button" id="kc-login" name="login">${msg("doLogIn")}</button>
      <#if realm.resetPasswordAllowed>
      <p class="govuk-body"><a class="govuk-link" href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></p>
      </#if>
    </form>
    </#if>
  <#elseif section = "info">
    <#if realm.password && realm.registrationAllowed && !registrationDisabled??>
    <p class="govuk-body">${msg("noAccount")} <a class="govuk-link" href="${url.registrationUrl}">${msg("doRegister")}</a></p>
    </#if>
  </#if>
</@layout.registrationLayout>
