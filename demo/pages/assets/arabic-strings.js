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
  connection: { idle: 'نحن هنا للمساعدة', connecting: 'جارٍ الاتصال…', connected: 'متصل', reconnecting: 'إعادة الاتصال…', offline: 'غير متصل' },
};
