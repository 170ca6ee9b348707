/**
 * The Chinese faces of every PDF we draw (dossier, result list, naming documents): Noto Sans SC regular
 * and bold, read once (about 10 MB each) and embedded by pdfkit as subsets.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;

function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: fs.readFileSync(
      require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    ),
    bold: fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

/** Registers Noto Sans SC on `doc` as the fonts 'regular' and 'bold'. */
export function registerCjkFonts(doc: PDFKit.PDFDocument): void {
  const f = loadFonts();
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
}
