// Lint messages in Bahasa Indonesia. bpmnlint's rules report in English; the designer shows these instead when
// the user reads Indonesian. An unknown message is shown as it is.
const exact = {
  'A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional':
    'Alur yang keluar dari gateway berbasis peristiwa tidak boleh berkondisi',
  'A <Start Event> is not allowed in <Ad Hoc Sub Process>': 'Peristiwa awal tidak boleh ada di sub-proses ad-hoc',
  'An <End Event> is not allowed in <Ad Hoc Sub Process>': 'Peristiwa akhir tidak boleh ada di sub-proses ad-hoc',
  'An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>':
    'Gateway berbasis peristiwa harus punya paling sedikit 2 alur keluar',
  'Duplicate incoming sequence flows': 'Ada alur masuk ganda',
  'Duplicate outgoing sequence flows': 'Ada alur keluar ganda',
  'Element is an implicit end': 'Elemen ini menjadi akhir tersirat: sambungkan ke peristiwa akhir',
  'Element is an implicit start': 'Elemen ini menjadi awal tersirat: sambungkan dari peristiwa awal',
  'Element is missing bpmndi': 'Elemen ini tidak punya gambar (BPMNDI)',
  'Element is missing label/name': 'Elemen ini belum punya nama',
  'Element is not connected': 'Elemen ini belum tersambung',
  'Element is outside of parent boundary': 'Elemen ini berada di luar batas induknya',
  'Element overlaps with other element': 'Elemen ini menumpuk dengan elemen lain',
  'Event has multiple event definitions': 'Peristiwa ini punya lebih dari satu definisi',
  'Gateway is superfluous. It only has one source and target.':
    'Gateway ini tidak perlu: hanya punya satu alur masuk dan satu alur keluar',
  'Incoming flows do not join': 'Alur-alur masuk tidak digabung: pakai gateway penggabung',
  'Sequence flow is missing condition': 'Alur ini belum punya kondisi',
  'SequenceFlow is a duplicate': 'Alur ini ganda',
  'User task has no assignee, candidate users or candidate group (OPD)':
    'Tugas pengguna belum punya penerima: pilih OPD (grup kandidat) di grup KKS panel',
  'Script task is not supported: use an external service task':
    'Script task tidak didukung: pakai service task bertipe external',
  'Business rule task is not supported: use an exclusive gateway with conditions':
    'Business rule task tidak didukung: pakai gateway eksklusif berkondisi',
  'Transaction is not supported: use a plain sub-process': 'Transaksi tidak didukung: pakai sub-proses biasa',
  'Ad-hoc sub-process is not supported: draw the order with flows':
    'Sub-proses ad-hoc tidak didukung: gambarkan urutannya dengan alur',
  'Complex gateway is not supported: use an inclusive or exclusive gateway':
    'Gateway kompleks tidak didukung: pakai gateway inklusif atau eksklusif',
  'Event sub-process is not supported: use boundary events on a sub-process':
    'Event sub-process tidak didukung: pakai peristiwa batas pada sub-proses',
  'Message throw event is not supported: use a send task or an external service task':
    'Peristiwa lempar pesan tidak didukung: pakai send task atau service task external',
  'Signal events are not supported: use a message or a timer': 'Peristiwa sinyal tidak didukung: pakai pesan atau timer',
  'Conditional events are not supported: use a gateway with conditions':
    'Peristiwa kondisional tidak didukung: pakai gateway berkondisi',
  'Compensation is not supported: model the undoing as ordinary steps':
    'Kompensasi tidak didukung: modelkan pembatalannya sebagai langkah biasa',
  'Link events are not supported: connect both parts with a sequence flow':
    'Peristiwa link tidak didukung: sambungkan kedua bagian dengan alur',
  'Cancel events are not supported: use an error end event and an error boundary event':
    'Peristiwa cancel tidak didukung: pakai peristiwa akhir error dan peristiwa batas error'
};

const suffixes = [
  [ / is missing end event$/, 'Proses atau sub-proses ini belum punya peristiwa akhir' ],
  [ / is missing start event$/, 'Proses atau sub-proses ini belum punya peristiwa awal' ],
  [ / has multiple blank start events$/, 'Proses atau sub-proses ini punya lebih dari satu peristiwa awal kosong' ]
];

export function translateLintMessage(message, language) {
  if (language !== 'id') {
    return message;
  }
  if (exact[message]) {
    return exact[message];
  }
  for (const [ pattern, text ] of suffixes) {
    if (pattern.test(message)) {
      return text;
    }
  }
  return message;
}
