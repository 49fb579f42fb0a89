// A page translates the widget through its strings property (here: Arabic, right to left).
await customElements.whenDefined('persistent-chat');
document.querySelector('persistent-chat').strings = {
  launcherOpen: 'افتح المحادثة',
  launcherClose: 'أغلق المحادثة',
  title: 'تحدث معنا',
  minimise: 'صغّر المحادثة',
  composerLabel: 'رسالة',
  composerPlaceholder: 'اكتب رسالة…',
  send: 'أرسل',
  sending: 'جارٍ الإرسال…',
  you: 'أنت',
  emptyState: 'اسألنا أي شيء. نرد عادةً خلال دقائق.',
  files: {
    attach: 'أرفق ملفات',
    chosen: 'ملفات للإرسال',
    dropHere: 'أفلت الملفات هنا لإرسالها',
    remove: (name) => `أزل ${name}`,
    uploading: (name) => `جارٍ رفع ${name}`,
    cancel: 'إلغاء',
    refused: {
      off: 'لا يمكن إرسال ملفات هنا',
      empty: 'هذا الملف فارغ',
      type: (type) => `لا يمكن إرسال ملفات ${type} هنا`,
      size: (limit) => `هذا الملف أكبر من ${limit}`,
      extension: (extension) => `لا يمكن إرسال ملفات ${extension} هنا`,
    },
  },
  connection: { idle: 'نحن هنا للمساعدة', connecting: 'جارٍ الاتصال…', connected: 'متصل', reconnecting: 'إعادة الاتصال…', offline: 'غير متصل' },
};
