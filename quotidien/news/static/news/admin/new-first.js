// A list of chosen items marked data-news-new-first (the front page's stories) puts a newly
// chosen item first, where the lead is, instead of last. Items chosen together keep the
// order they were chosen in. The order fields, numbers and arrows follow the new order.
(() => {
  const batches = new Map();

  function renumber(list) {
    const children = [...list.children].filter((child) => !child.classList.contains("deleted"));
    children.forEach((child, index) => {
      const prefix = child.id.replace("inline_child_", "");
      const order = child.querySelector(`[name="${prefix}-ORDER"]`);
      if (order) order.value = index + 1;
      const count = child.querySelector("[data-inline-panel-child-count]");
      if (count) count.textContent = ` ${index + 1}`;
      const up = child.querySelector("[data-inline-panel-child-move-up]");
      if (up) up.disabled = index === 0;
      const down = child.querySelector("[data-inline-panel-child-move-down]");
      if (down) down.disabled = index === children.length - 1;
    });
  }

  document.addEventListener("w-formset:added", (event) => {
    const prefix = event.detail && event.detail.formsetPrefix;
    if (!prefix || !document.querySelector(`[data-news-new-first="${prefix}"]`)) return;
    const list = document.getElementById(`${prefix}-FORMS`);
    const child = event.target;
    if (!list || child.parentElement !== list) return;
    const batch = batches.get(prefix) || [];
    const previous = batch[batch.length - 1];
    list.insertBefore(child, previous ? previous.nextElementSibling : list.firstElementChild);
    if (!batch.length) setTimeout(() => batches.delete(prefix));
    batches.set(prefix, [...batch, child]);
    renumber(list);
    child.scrollIntoView({ behavior: "smooth", block: "nearest" });
  });
})();
