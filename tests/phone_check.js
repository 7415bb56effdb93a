() => {
  // Run by tests/test_browser.py in a page at phone width: the problems a reader would see.
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1)
    problems.push(`the page is ${document.documentElement.scrollWidth}px wide, wider than the screen`);
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  for (const table of document.querySelectorAll('.md-content table')) {
    if (!visible(table) || table.scrollWidth <= width) continue;
    let box = table, scrolls = false;
    while (box && box !== document.body) {
      const overflow = getComputedStyle(box).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && box.getBoundingClientRect().right <= width + 1) {
        scrolls = true; break;
      }
      box = box.parentElement;
    }
    if (!scrolls) problems.push(`a table ${table.scrollWidth}px wide has no horizontal scroll container: `
                                + table.innerText.slice(0, 60));
  }
  const wordish = /[A-Za-z0-9]/;
  for (const code of document.querySelectorAll('.md-content code')) {
    if (code.closest('pre') || !visible(code) || code.getClientRects().length < 2) continue;
    const text = code.textContent;
    if (!/[\s\/._,(=-]/.test(text.trim())) continue;  // one long word: breaking it is the only way
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let previous = null, node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (previous && rect.top > previous.rect.bottom - 2 && wordish.test(previous.ch) && wordish.test(node.data[i]))
          problems.push(`inline code breaks mid-word: "${text.slice(0, 80)}" between "${previous.ch}" and "${node.data[i]}"`);
        previous = {ch: node.data[i], rect};
      }
    }
  }
  for (const block of document.querySelectorAll('.md-content .highlight')) {
    const button = block.querySelector('.md-code__nav');
    const code = block.querySelector('pre > code');
    if (!button || !code || !visible(button) || !visible(code)) continue;
    const b = button.getBoundingClientRect();
    const visibleRight = code.getBoundingClientRect().right;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let node, hit = null;
    search: while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        if (/\s/.test(node.data[i])) continue;
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        if (r.top >= b.bottom) break search;
        if (r.right > b.left && r.left < Math.min(b.right, visibleRight) && r.bottom > b.top) { hit = node.data.slice(0, 40); break search; }
      }
    }
    if (hit !== null) problems.push(`the copy button covers code text: "${hit}"`);
  }
  return problems;
}
