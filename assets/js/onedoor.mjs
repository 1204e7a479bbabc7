// Enhancements only: every page works without JavaScript.
import { initAll } from "./govuk-frontend.min.js";

// A module script runs only in browsers GOV.UK Frontend supports; no inline script is needed,
// so pages carry no per-response nonce and can be cached whole.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Upload progress: a form that sends files shows how much has gone, which matters on a slow
// mobile connection. Without JavaScript (or on an error of this code) the form posts normally.
for (const form of document.querySelectorAll("form[data-module='onedoor-upload-progress']")) {
  const box = form.querySelector(".onedoor-upload-progress");
  if (!box || !window.FormData || !window.XMLHttpRequest) continue;
  const bar = box.querySelector("progress");
  const text = box.querySelector("span");
  form.addEventListener("submit", (event) => {
    const chosen = [...form.querySelectorAll("input[type=file]")].some((input) => input.files.length);
    if (!chosen) return;
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    box.hidden = false;
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
      if (request.responseURL && request.responseURL !== window.location.href) {
        window.location.assign(request.responseURL);
        return;
      }
      // The same step again, with messages next to the fields: show it as the browser would.
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", () => {
      box.hidden = false;
      text.textContent = box.dataset.failed;
      form.querySelector("button[type=submit]")?.removeAttribute("disabled");
    });
    request.send(new FormData(form));
  });
}
