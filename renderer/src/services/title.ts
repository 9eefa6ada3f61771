/*
 * The window title. Electron shows the page's title as the window's, so in the demonstration store every title
 * starts with DEMO (issue 14): a screen setting its own title cannot drop it.
 */
let demo = false;
let current = 'Reciprocal';

export function setScreenTitle(title: string): void {
  current = title;
  document.title = demo ? `DEMO – ${title}` : title;
}

export function setDemoTitle(on: boolean): void {
  demo = on;
  setScreenTitle(current);
}
