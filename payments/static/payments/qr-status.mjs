// The QR payment page asks, every few seconds, whether the payment has moved (paid by the
// bank's word, or expired) and shows the page again when it has. Without JavaScript the
// payer presses "Check again".
const box = document.querySelector("[data-qr-status-url]");
if (box) {
  const url = box.dataset.qrStatusUrl;
  const shown = box.dataset.qrStatus;
  const every = 3000;
  const ask = async () => {
    try {
      const answer = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (answer.ok) {
        const { status } = await answer.json();
        if (status !== shown) {
          window.location.reload();
          return;
        }
      }
    } catch {
      // Offline for a moment: ask again at the next turn.
    }
    setTimeout(ask, every);
  };
  setTimeout(ask, every);
}
