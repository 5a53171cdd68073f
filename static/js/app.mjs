import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// A page following background work (data-app-progress="<url of its status part>") asks
// for the status every few seconds and shows it in place, until the work has ended.
for (const region of document.querySelectorAll("[data-app-progress]")) {
  const url = region.dataset.appProgress;
  const ask = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
      if (response.ok) {
        const text = await response.text();
        if (text.trim() !== region.innerHTML.trim()) region.innerHTML = text;
        if (!text.includes('data-app-progress-state="live"')) return; // done or failed: nothing more to wait for
      }
    } catch {
      // offline for a moment: ask again later
    }
    setTimeout(ask, 3000);
  };
  setTimeout(ask, 3000);
}
