// The words of registers downloaded and documents printed (issue 26) in Russian and Kazakh;
// messages.ts takes both into its sets.
const ru = {
  downloadRegister: 'Скачать список',
  downloadRegisterNote: 'Файл содержит весь список с выбранными фильтрами, а не только эту страницу.',
  downloadAs: 'Скачать список в формате {format}',
  documentsTitle: 'Документы',
  printAgreement: 'Соглашение для подписи (PDF)',
  printSummary: 'Справка по делу (PDF)',
  printVisitReport: 'Отчёт о визите (PDF)',
};

const kk: typeof ru = {
  downloadRegister: 'Тізімді жүктеп алу',
  downloadRegisterNote: 'Файлда осы бет қана емес, таңдалған сүзгілер бойынша бүкіл тізім бар.',
  downloadAs: 'Тізімді {format} пішімінде жүктеп алу',
  documentsTitle: 'Құжаттар',
  printAgreement: 'Қол қоюға арналған келісім (PDF)',
  printSummary: 'Іс бойынша анықтама (PDF)',
  printVisitReport: 'Сапар туралы есеп (PDF)',
};

export const reportMessages = { ru, kk };
