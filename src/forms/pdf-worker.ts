import { GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

// pdf.js parses in a worker; a same-origin file, so the app's CSP (worker-src 'self') allows it.
// Loaded only when a PDF is imported, together with the pdf.js chunk the importer uses.
GlobalWorkerOptions.workerSrc = workerUrl;
