// Back office: a search box narrowing a list of checkboxes (quotidien/news/admin_forms.py,
// SearchableCheckboxes). Ticked boxes stay in view whatever is typed.
(() => {
  const folded = (text) =>
    text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("fr").trim();

  const narrow = (search) => {
    const list = document.getElementById(search.dataset.newsFilter);
    if (!list) return;
    const words = folded(search.value).split(/\s+/).filter(Boolean);
    for (const input of list.querySelectorAll("input[type=checkbox]")) {
      const item = input.closest("div, li") || input.parentElement;
      const name = folded(item.textContent);
      item.hidden = !input.checked && !words.every((word) => name.includes(word));
    }
  };

  const reveal = () => {
    for (const search of document.querySelectorAll("input[data-news-filter]")) {
      search.hidden = false;
    }
  };

  document.addEventListener("input", (event) => {
    if (event.target.matches?.("input[data-news-filter]")) narrow(event.target);
  });
  // Without this script the search box stays hidden: it would do nothing.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reveal);
  } else {
    reveal();
  }
})();
