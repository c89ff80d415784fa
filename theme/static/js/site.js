/* Yunqi Explainer: progressive enhancement only. Every feature works as plain HTML first. */
(() => {
  "use strict";
  const doc = document;

  /* Tooltips for [aria-describedby] triggers whose target is a .term-tip popover.
     Hover (with a short delay) and keyboard focus open; Escape, blur and a click elsewhere close;
     the pointer may move onto the tip (WCAG 1.4.13); one tip at a time; on touch the first tap
     opens and a second tap follows the link. */
  const OPEN_DELAY = 120, CLOSE_DELAY = 250, GAP = 8;
  let openTip = null, openTrigger = null, timer = 0;

  const tipOf = (trigger) => doc.getElementById(trigger.getAttribute("aria-describedby"));
  const isTrigger = (el) => Boolean(el && el.matches && el.matches(".term, [data-tip]"));

  function place(tip, trigger) {
    const box = trigger.getBoundingClientRect();
    const width = tip.offsetWidth, height = tip.offsetHeight;
    const vw = doc.documentElement.clientWidth, vh = innerHeight;
    let top = box.bottom + GAP;
    const below = top + height <= vh - GAP;
    if (!below && box.top - GAP - height >= GAP) top = box.top - GAP - height;
    tip.dataset.side = below || top > box.top ? "below" : "above";
    const left = Math.min(Math.max(GAP, box.left + box.width / 2 - width / 2), vw - width - GAP);
    tip.style.left = `${Math.max(GAP, left)}px`;
    tip.style.top = `${Math.max(GAP, top)}px`;
  }

  function show(trigger) {
    const tip = tipOf(trigger);
    if (!tip || !tip.showPopover) return;
    clearTimeout(timer);
    if (openTip && openTip !== tip) hide();
    if (!tip.matches(":popover-open")) tip.showPopover();
    openTip = tip; openTrigger = trigger;
    trigger.setAttribute("aria-expanded", "true");
    place(tip, trigger);
  }

  function hide() {
    clearTimeout(timer);
    if (openTip && openTip.matches(":popover-open")) openTip.hidePopover();
    if (openTrigger) openTrigger.removeAttribute("aria-expanded");
    openTip = openTrigger = null;
  }

  const later = (fn, delay) => { clearTimeout(timer); timer = setTimeout(fn, delay); };

  const TRIGGER = ".term, [data-tip]";
  doc.addEventListener("pointerover", (event) => {
    if (event.pointerType === "touch") return;
    const trigger = event.target.closest(TRIGGER);
    if (trigger && trigger !== openTrigger) later(() => show(trigger), openTip ? 0 : OPEN_DELAY);
    else if (trigger || (openTip && openTip.contains(event.target))) clearTimeout(timer);
  });
  doc.addEventListener("pointerout", (event) => {
    if (event.pointerType === "touch") return;
    const from = event.target.closest(`${TRIGGER}, .term-tip`);
    const to = event.relatedTarget && event.relatedTarget.closest
      ? event.relatedTarget.closest(`${TRIGGER}, .term-tip`) : null;
    if (!from || to === from) return;
    if (openTip) later(hide, CLOSE_DELAY); else clearTimeout(timer);
  });
  doc.addEventListener("focusin", (event) => {
    if (isTrigger(event.target)) show(event.target);
    else if (openTip && !openTip.contains(event.target)) hide();
  });
  doc.addEventListener("focusout", (event) => {
    if (event.target === openTrigger && !(event.relatedTarget && openTip.contains(event.relatedTarget))) hide();
  });
  doc.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && openTip) { hide(); }
  });
  // A tap focuses the term (which opens its tip) before the click, so remember what was open
  // when the finger came down: the first tap only opens, a tap on an open term follows it.
  let tapOpened = null;
  doc.addEventListener("pointerdown", (event) => {
    const trigger = event.target.closest(TRIGGER);
    tapOpened = event.pointerType === "touch" ? (trigger && trigger === openTrigger) : null;
    if (openTip && !event.target.closest(".term-tip") && !trigger) hide();
  });
  doc.addEventListener("click", (event) => {
    const trigger = event.target.closest(TRIGGER);
    if (!trigger) return;
    if (tapOpened === false) { event.preventDefault(); show(trigger); }
    else if (trigger.tagName !== "A") { openTrigger === trigger ? hide() : show(trigger); }
    tapOpened = null;
  });
  addEventListener("resize", () => openTip && place(openTip, openTrigger));
  addEventListener("scroll", () => openTip && place(openTip, openTrigger), { passive: true });

  /* Paragraph permalinks copy their URL (the link itself works without script). */
  const zh = doc.documentElement.lang.startsWith("zh");
  doc.addEventListener("click", (event) => {
    const link = event.target.closest(".para-link");
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    const hash = link.getAttribute("href");
    history.replaceState(null, "", hash);
    navigator.clipboard.writeText(location.href).then(() => {
      link.dataset.copied = zh ? "已复制链接" : "Link copied";
      link.classList.add("copied");
      setTimeout(() => link.classList.remove("copied"), 2000);
    }, () => { location.hash = hash; });
  });

  /* Print: the sidenotes become numbered endnotes after the article. Without script they
     print where they stand, as indented blocks. */
  addEventListener("beforeprint", () => {
    const notes = doc.querySelectorAll(".sidenote");
    if (!notes.length || doc.querySelector(".print-endnotes")) return;
    const section = doc.createElement("section");
    section.className = "print-endnotes";
    const heading = doc.createElement("h2");
    heading.textContent = zh ? "注释" : "Notes";
    const list = doc.createElement("ol");
    for (const note of notes) {
      const item = doc.createElement("li");
      for (const part of note.querySelectorAll(".sidenote-body, .sidenote-sources")) {
        item.append(part.cloneNode(true));
      }
      list.append(item);
    }
    section.append(heading, list);
    doc.querySelector(".article-body").after(section);
    doc.body.classList.add("has-endnotes");
  });
  addEventListener("afterprint", () => {
    const section = doc.querySelector(".print-endnotes");
    if (section) section.remove();
    doc.body.classList.remove("has-endnotes");
  });

  /* Reading progress: a thin bar, decorative (the scrollbar says the same to assistive tech). */
  const bar = doc.querySelector(".reading-progress");
  const body = doc.querySelector(".article-body");
  if (bar && body) {
    bar.hidden = false;
    const update = () => {
      const box = body.getBoundingClientRect();
      const progress = Math.min(1, Math.max(0, -box.top / Math.max(1, box.height - innerHeight)));
      bar.firstElementChild.style.transform = `scaleX(${progress})`;
    };
    addEventListener("scroll", update, { passive: true });
    addEventListener("resize", update);
    update();
  }

  /* Side-by-side reading: fetch the translation once and set its paragraphs beside ours,
     matched by the alignment links the build wrote (wide screens only). */
  const parallel = doc.querySelector(".parallel-toggle");
  if (parallel && body && body.querySelector(".para-align")) {
    const wide = matchMedia("(min-width: 72rem)");
    const sync = () => { parallel.hidden = !wide.matches; if (!wide.matches) setParallel(false); };
    let loaded = null;
    const setParallel = (on) => {
      body.classList.toggle("side-by-side", on);
      parallel.setAttribute("aria-pressed", String(on));
    };
    const load = async () => {
      const first = body.querySelector(".para-align");
      const url = new URL(first.getAttribute("href"), location.href);
      const page = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
      for (const link of body.querySelectorAll(".para-align")) {
        const twin = page.getElementById(new URL(link.href).hash.slice(1));
        if (!twin) continue;
        const copy = twin.cloneNode(true);
        copy.querySelectorAll("[data-ui]").forEach((el) => el.remove());
        for (const el of [copy, ...copy.querySelectorAll("[id], [aria-describedby]")]) {
          el.removeAttribute("id");
          el.removeAttribute("aria-describedby");
        }
        copy.className = "parallel";
        copy.lang = link.getAttribute("hreflang");
        link.closest("p").after(copy);
      }
    };
    parallel.addEventListener("click", async () => {
      const on = parallel.getAttribute("aria-pressed") !== "true";
      if (on && !loaded) loaded = load();
      if (on) await loaded;
      setParallel(on);
    });
    wide.addEventListener("change", sync);
    sync();
  }

  /* Filter boxes: [data-filter-for] names a list whose children carry data-search. */
  for (const box of doc.querySelectorAll("[data-filter-for]")) {
    const list = doc.getElementById(box.dataset.filterFor);
    const input = box.querySelector("input");
    const status = box.querySelector("[role=status]");
    box.hidden = false;
    input.addEventListener("input", () => {
      const query = input.value.trim().toLowerCase();
      let shown = 0;
      for (const item of list.querySelectorAll("[data-search]")) {
        const match = !query || item.dataset.search.toLowerCase().includes(query) || item.textContent.toLowerCase().includes(query);
        item.hidden = !match;
        shown += match;
      }
      for (const group of list.querySelectorAll("section")) {
        group.hidden = !group.querySelector("[data-search]:not([hidden])");
      }
      status.textContent = shown ? "" : list.dataset.emptyText;
    });
  }
})();
