// Enhancements only: every page works without JavaScript.
import { initAll } from "./govuk-frontend.min.js";

// A module script runs only in browsers GOV.UK Frontend supports; no inline script is needed,
// so pages carry no per-response nonce and can be cached whole.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
