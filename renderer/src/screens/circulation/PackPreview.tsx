import { useEffect, useRef, useState } from 'react';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
// Vite bundles pdf.js's worker as a file of the app itself: it loads from 'self' under the strict CSP.
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';

let workerStarted = false;
/** One pdf.js worker for the whole session, started the first time a preview is drawn. */
function ensureWorker(): void {
  if (workerStarted) return;
  GlobalWorkerOptions.workerPort = new PdfWorker();
  workerStarted = true;
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Draws the first page of the pack as it will print, with pdf.js, from bytes main handed over: no file and no
 * request. Fonts and code come only from the app: eval is off, no standard-font or wasm files are fetched (the pack
 * embeds its own fonts, main/pdf/fonts.ts).
 */
export function PackPreview({ pdfBase64, reference, pages }: { pdfBase64: string; reference: string; pages: number }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'drawing' | 'drawn' | 'failed'>('drawing');

  useEffect(() => {
    let cancelled = false;
    ensureWorker();
    const task = getDocument({ data: bytesOf(pdfBase64), isEvalSupported: false, useWorkerFetch: false, stopAtErrors: true });
    task.promise
      .then(async (pdf) => {
        const page = await pdf.getPage(1);
        const canvas = canvasRef.current;
        if (cancelled || !canvas) return;
        const scale = 1.4;
        const viewport = page.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        await page.render({ canvas, viewport }).promise;
        if (!cancelled) setState('drawn');
      })
      .catch(() => {
        if (!cancelled) setState('failed');
      });
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [pdfBase64]);

  return (
    <figure className="pack-preview" data-preview={state}>
      {state === 'failed' && <p className="alert alert--error">The preview could not be drawn. The pack itself is not affected.</p>}
      <canvas ref={canvasRef} className="pack-preview__page" role="img" aria-label={`First page of the property request ${reference}, as it will print`} />
      <figcaption className="field__hint">
        Page 1 of {pages}, as it will print. {state === 'drawing' ? 'Drawing…' : ''}
      </figcaption>
    </figure>
  );
}
