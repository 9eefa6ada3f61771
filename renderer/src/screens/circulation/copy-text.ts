/** Copies text to the clipboard; false when the browser refuses (the caller then shows it selected to copy by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
