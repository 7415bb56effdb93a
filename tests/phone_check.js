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
  // Inline code broken between two letters or digits, where its run of text without a space
  // would have fitted on a line of the page's text column (a longer one, such as a URL, has
  // to break somewhere).
  const wordish = /[A-Za-z0-9]/;
  const column = document.querySelector('.md-content__inner')?.clientWidth || width;
  for (const code of document.querySelectorAll('.md-content code')) {
    if (code.closest('pre') || !visible(code) || code.getClientRects().length < 2) continue;
    const chars = [];
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect) chars.push({ch: node.data[i], rect});
      }
    }
    for (let i = 1; i < chars.length; i++) {
      const [before, after] = [chars[i - 1], chars[i]];
      if (after.rect.top <= before.rect.bottom - 2) continue;  // same line
      if (!wordish.test(before.ch) || !wordish.test(after.ch)) continue;
      let start = i - 1, end = i;
      while (start > 0 && /\S/.test(chars[start - 1].ch)) start--;
      while (end + 1 < chars.length && /\S/.test(chars[end + 1].ch)) end++;
      const word = chars.slice(start, end + 1);
      const wide = word.reduce((sum, c) => sum + c.rect.width, 0);
      if (wide < column)
        problems.push(`inline code "${code.textContent.slice(0, 60)}" breaks inside ` +
                      `"${word.map(c => c.ch).join('')}" (${Math.round(wide)}px; the column is ${column}px)`);
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
  // A display equation wider than the screen scrolls sideways, and shows it: a shadow at
  // the edge where more of it is hidden (the radial gradients of extra.css).
  document.querySelectorAll('.md-content math[display=block]').forEach((m, i) => {
    if (m.scrollWidth > m.clientWidth + 1 && !getComputedStyle(m).backgroundImage.includes('radial-gradient'))
      problems.push(`display equation ${i + 1} is wider than the screen and shows no sign that it scrolls`);
  });
  return problems;
}
