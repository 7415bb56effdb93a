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
  // Where a run of text without a space breaks between two letters or digits onto the next
  // line, though the run is narrower than `room` (a longer one, such as a URL, has to break
  // somewhere): each such run's text and width.
  const wordish = /[A-Za-z0-9]/;
  const midWordBreaks = (el, room) => {
    const chars = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect) chars.push({ch: node.data[i], rect});
      }
    }
    const breaks = [];
    for (let i = 1; i < chars.length; i++) {
      const [before, after] = [chars[i - 1], chars[i]];
      if (after.rect.top <= before.rect.bottom - 2) continue;  // same line
      if (!wordish.test(before.ch) || !wordish.test(after.ch)) continue;
      let start = i - 1, end = i;
      while (start > 0 && /\S/.test(chars[start - 1].ch)) start--;
      while (end + 1 < chars.length && /\S/.test(chars[end + 1].ch)) end++;
      const word = chars.slice(start, end + 1);
      const wide = word.reduce((sum, c) => sum + c.rect.width, 0);
      if (wide < room) breaks.push({word: word.map(c => c.ch).join(''), wide: Math.round(wide)});
    }
    return breaks;
  };
  // Inline code, in the page's text column.
  const column = document.querySelector('.md-content__inner')?.clientWidth || width;
  for (const code of document.querySelectorAll('.md-content code')) {
    if (code.closest('pre') || !visible(code) || code.getClientRects().length < 2) continue;
    for (const {word, wide} of midWordBreaks(code, column))
      problems.push(`inline code "${code.textContent.slice(0, 60)}" breaks inside ` +
                    `"${word}" (${wide}px; the column is ${column}px)`);
  }
  // A line of code or output that wraps, in its block (a notebook's outputs broke "acc" /
  // "uracy"). Only blocks with more lines on screen than in their text are read.
  for (const pre of document.querySelectorAll('.md-content pre')) {
    const code = pre.querySelector('code') || pre;
    if (!visible(code)) continue;
    const style = getComputedStyle(code);
    const lineHeight = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
    const inner = code.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    if (inner <= code.textContent.replace(/\n$/, '').split('\n').length * lineHeight + 2) continue;
    const room = code.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const {word, wide} of midWordBreaks(code, room))
      problems.push(`a line of "${code.textContent.slice(0, 40)}" breaks inside ` +
                    `"${word}" (${wide}px; the block has ${Math.round(room)}px)`);
  }
  // A code block directly in the column (not in a list, note or tab) spans the column: on a
  // notebook page the "In [n]:" prompts took about 90 px of a phone's 330.
  for (const block of document.querySelectorAll('.md-content .highlight')) {
    if (!visible(block) || block.closest('li, .admonition, details, .tabbed-set, table')) continue;
    const wide = block.getBoundingClientRect().width;
    if (wide < 0.95 * column)
      problems.push(`a code block is ${Math.round(wide)}px wide in a ${column}px column: ` +
                    block.textContent.trim().slice(0, 40));
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
