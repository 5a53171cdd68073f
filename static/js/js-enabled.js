// Runs first in <body> so that GOV.UK Frontend styles its components for JavaScript
// before they are drawn. Kept in a file: the Content Security Policy allows no inline script.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
