// Enhancements only: every page works without JavaScript.
import { initAll } from "./govuk-frontend.min.js";

// A module script runs only in browsers GOV.UK Frontend supports; no inline script is needed,
// so pages carry no per-response nonce and can be cached whole.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
enhance(document);

function enhance(scope) {
  initAll({ scope });
  // GOV.UK Frontend's file upload writes its status ("No file chosen") and its button's words
  // with no space between them: read as one run ("No file chosenChoose file"), the visible
  // words are not found in the button's name by voice control and checkers. A space parts them.
  for (const status of scope.querySelectorAll(".govuk-file-upload-button__status")) {
    if (status.nextSibling?.nodeType !== Node.TEXT_NODE) status.after(" ");
  }
  for (const form of scope.querySelectorAll("form[data-module='onedoor-upload-progress']")) {
    uploadProgress(form);
  }
}

function withoutFragment(url) {
  return url.split("#")[0];
}

// Upload progress: a form that sends files shows how much has gone, which matters on a slow
// mobile connection; a file over the limit is refused before it is sent. Without JavaScript
// the form posts normally and the server says the same.
function uploadProgress(form) {
  const box = form.querySelector(".onedoor-upload-progress");
  if (!box || !window.FormData || !window.XMLHttpRequest) return;
  const bar = box.querySelector("progress");
  const text = box.querySelector("span");
  form.addEventListener("submit", (event) => {
    const inputs = [...form.querySelectorAll("input[type=file]")];
    if (!inputs.some((input) => input.files.length)) return;
    const tooBig = inputs.find((input) => {
      const limit = Number(input.dataset.maxBytes || 0);
      return limit && [...input.files].some((file) => file.size > limit);
    });
    if (tooBig) {
      event.preventDefault();
      box.hidden = false;
      bar.hidden = true;
      text.textContent = tooBig.dataset.tooBig;
      // The enhanced control hides the input: its button (which took the input's id) has focus.
      const button = tooBig.closest(".govuk-file-upload-wrapper")?.querySelector("button");
      (button || tooBig).focus();
      return;
    }
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action || withoutFragment(window.location.href));
    box.hidden = false;
    bar.hidden = false;
    request.upload.addEventListener("progress", (progress) => {
      if (!progress.lengthComputable) return;
      const percent = Math.round((progress.loaded / progress.total) * 100);
      bar.value = percent;
      text.textContent = `${box.dataset.uploading} ${percent}%`;
    });
    request.upload.addEventListener("load", () => {
      text.textContent = box.dataset.checking;
    });
    request.addEventListener("load", () => {
      // The answer is shown as it came: the same page with messages next to the fields, or
      // the page the form led to (its address put in the history). Loading that page again
      // would lose what it said once, such as "your document is kept".
      const here = withoutFragment(window.location.href);
      if (request.responseURL && withoutFragment(request.responseURL) !== here) {
        window.history.pushState(null, "", request.responseURL);
      }
      // Swap the page's body for the answer's and start its components, as a load would.
      const answer = new DOMParser().parseFromString(request.responseText, "text/html");
      document.title = answer.title;
      answer.body.classList.add("js-enabled", "govuk-frontend-supported");
      document.body.replaceWith(document.adoptNode(answer.body));
      enhance(document.body);
      window.scrollTo(0, 0);
    });
    // Back and forward through addresses pushed above load those pages for real.
    window.addEventListener("popstate", () => window.location.reload(), { once: true });
    request.addEventListener("error", () => {
      text.textContent = box.dataset.failed;
    });
    request.send(new FormData(form));
  });
}
