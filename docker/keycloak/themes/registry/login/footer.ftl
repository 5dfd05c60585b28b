<#macro content>
<#-- the GOV.UK footer is in template.ftl -->
</#macro>
