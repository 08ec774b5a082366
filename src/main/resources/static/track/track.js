// The customers' status page: looks a complaint up (number and contact, or the token of a link after '#t='),
// shows it, sends a message or the survey, and takes a complaint in. Texts in English and Chinese; every value
// from the server is put in as text, never as markup.
(function () {
  'use strict';

  var TEXTS = {
    en: {
      'title': 'Your complaint', 'lookup.title': 'Follow your complaint', 'lookup.number': 'Complaint number',
      'lookup.contact': 'The phone number or e-mail address you gave', 'lookup.submit': 'Show my complaint',
      'case.title': 'Complaint', 'case.next': 'Next date we promised:',
      'case.waiting': 'We are waiting for your answer: write to us below.',
      'case.another': 'Look up another complaint',
      'stage.received': 'Received', 'stage.being-looked-into': 'Being looked into',
      'stage.decision-made': 'Decision made', 'stage.being-carried-out': 'Being carried out',
      'stage.resolved': 'Resolved', 'stage.closed': 'Closed',
      'explain.received': 'We have received your complaint and will look into it.',
      'explain.being-looked-into': 'A member of our team is looking into your complaint.',
      'explain.decision-made': 'We have decided how to resolve your complaint and are confirming it.',
      'explain.being-carried-out': 'We are carrying out the resolution.',
      'explain.resolved': 'Your complaint is resolved. Please tell us how we did.',
      'explain.closed': 'Your complaint is closed.',
      'survey.title': 'How did we do?', 'survey.satisfaction': 'Overall, how satisfied are you?',
      'survey.attitude': "Our staff's attitude", 'survey.speed': 'The speed of the handling',
      'survey.effectiveness': 'How well the problem was solved', 'survey.comment': 'Anything else you want to tell us',
      'survey.submit': 'Send my feedback', 'survey.thanks': 'Thank you for your feedback.',
      'survey.choose': 'Please choose how satisfied you are.',
      'level.very_satisfied': 'Very satisfied', 'level.satisfied': 'Satisfied',
      'level.basically_satisfied': 'Fairly satisfied', 'level.dissatisfied': 'Dissatisfied',
      'level.very_dissatisfied': 'Very dissatisfied',
      'messages.title': 'Messages', 'messages.none': 'No messages yet.', 'messages.to': 'From us',
      'messages.from': 'From you', 'message.label': 'Write to us', 'message.submit': 'Send',
      'message.sent': 'Your message was added to your complaint.',
      'new.title': 'No complaint yet? Tell us what went wrong', 'new.name': 'Your name', 'new.phone': 'Phone number',
      'new.email': 'E-mail address',
      'new.contact-hint': 'Give a phone number or an e-mail address: you will need it to follow your complaint.',
      'new.order': 'Order or booking number (if any)', 'new.description': 'What went wrong?',
      'new.outcome': 'What would you like us to do?', 'new.submit': 'Send my complaint',
      'new.received': 'We have received your complaint. Its number:',
      'outcome.none': '(choose)', 'outcome.explanation': 'Explain what happened', 'outcome.apology': 'Apologise',
      'outcome.refund': 'Refund', 'outcome.credit': 'Credit or voucher', 'outcome.replacement': 'Replace the service',
      'outcome.compensation': 'Compensation',
      'error.notfound': 'We found no complaint with this number and this phone number or e-mail address. Please check both.',
      'error.toomany': 'Too many attempts. Please try again in {s} minutes.',
      'error.invalid': 'Please check: ', 'error.closed': 'This complaint is closed; for something new, please send a new complaint.',
      'error.other': 'Something went wrong. Please try again later.',
      'field.number': 'complaint number', 'field.contact': 'phone number or e-mail address',
      'field.customer.name': 'your name', 'field.customer.phone': 'phone number', 'field.customer.email': 'e-mail address',
      'field.phoneOrEmail': 'a phone number or an e-mail address', 'field.description': 'what went wrong',
      'field.orderRef': 'order number', 'field.text': 'your message', 'field.website': 'form',
      'field.satisfaction': 'satisfaction', 'field.comment': 'comment',
      'language': '中文', 'language.lang': 'zh-CN'
    },
    zh: {
      'title': '我的投诉', 'lookup.title': '查询投诉进度', 'lookup.number': '投诉编号',
      'lookup.contact': '您投诉时留下的手机号码或电子邮箱', 'lookup.submit': '查询',
      'case.title': '投诉', 'case.next': '我们承诺的下一个时间:',
      'case.waiting': '我们在等待您的回复,请在下方给我们留言。', 'case.another': '查询其他投诉',
      'stage.received': '已受理', 'stage.being-looked-into': '正在调查', 'stage.decision-made': '已有处理方案',
      'stage.being-carried-out': '正在落实', 'stage.resolved': '已解决', 'stage.closed': '已结案',
      'explain.received': '我们已收到您的投诉,将尽快处理。',
      'explain.being-looked-into': '我们的工作人员正在调查您的投诉。',
      'explain.decision-made': '我们已确定处理方案,正在确认。',
      'explain.being-carried-out': '我们正在落实处理方案。',
      'explain.resolved': '您的投诉已解决,请告诉我们您是否满意。',
      'explain.closed': '您的投诉已结案。',
      'survey.title': '请评价我们的处理', 'survey.satisfaction': '您对处理结果的总体满意度',
      'survey.attitude': '服务态度', 'survey.speed': '处理速度', 'survey.effectiveness': '解决效果',
      'survey.comment': '其他意见或建议', 'survey.submit': '提交评价', 'survey.thanks': '感谢您的评价。',
      'survey.choose': '请选择您的满意度。',
      'level.very_satisfied': '非常满意', 'level.satisfied': '满意', 'level.basically_satisfied': '基本满意',
      'level.dissatisfied': '不满意', 'level.very_dissatisfied': '非常不满意',
      'messages.title': '消息', 'messages.none': '暂无消息。', 'messages.to': '我们发给您', 'messages.from': '您的留言',
      'message.label': '给我们留言', 'message.submit': '发送', 'message.sent': '您的留言已加入投诉。',
      'new.title': '还没有投诉?请告诉我们发生了什么', 'new.name': '您的姓名', 'new.phone': '手机号码',
      'new.email': '电子邮箱', 'new.contact-hint': '请留下手机号码或电子邮箱,查询进度时需要用到。',
      'new.order': '订单号(如有)', 'new.description': '发生了什么问题?', 'new.outcome': '您希望我们怎么处理?',
      'new.submit': '提交投诉', 'new.received': '我们已收到您的投诉,投诉编号:',
      'outcome.none': '(请选择)', 'outcome.explanation': '解释原因', 'outcome.apology': '道歉', 'outcome.refund': '退款',
      'outcome.credit': '代金券或积分', 'outcome.replacement': '重新提供服务', 'outcome.compensation': '赔偿',
      'error.notfound': '没有找到与该编号及手机号码或邮箱相符的投诉,请核对后再试。',
      'error.toomany': '尝试次数过多,请 {s} 分钟后再试。', 'error.invalid': '请检查:',
      'error.closed': '该投诉已结案;如有新的问题,请提交新的投诉。', 'error.other': '出错了,请稍后再试。',
      'field.number': '投诉编号', 'field.contact': '手机号码或电子邮箱', 'field.customer.name': '姓名',
      'field.customer.phone': '手机号码', 'field.customer.email': '电子邮箱', 'field.phoneOrEmail': '手机号码或电子邮箱',
      'field.description': '问题描述', 'field.orderRef': '订单号', 'field.text': '留言', 'field.website': '表单',
      'field.satisfaction': '满意度', 'field.comment': '意见',
      'language': 'English', 'language.lang': 'en'
    }
  };

  var lang = (function () {
    var saved = null;
    try { saved = window.localStorage.getItem('redress.track.lang'); } catch (e) { /* private mode */ }
    if (saved === 'zh' || saved === 'en') { return saved; }
    var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
    for (var i = 0; i < wanted.length; i++) {
      var l = String(wanted[i]).toLowerCase();
      if (l.indexOf('zh') === 0) { return 'zh'; }
      if (l.indexOf('en') === 0) { return 'en'; }
    }
    return 'en';
  })();
  var token = null;
  var shown = null;

  function t(key) { return TEXTS[lang][key] || TEXTS.en[key] || key; }
  function $(id) { return document.getElementById(id); }

  function translate() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    var all = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < all.length; i++) { all[i].textContent = t(all[i].getAttribute('data-i18n')); }
    $('language').textContent = t('language');
    $('language').lang = t('language.lang');
    if (shown) { show(shown); }
  }

  function scores() {
    var sets = document.querySelectorAll('fieldset.scores');
    for (var i = 0; i < sets.length; i++) {
      var name = sets[i].getAttribute('data-score');
      for (var s = 1; s <= 5; s++) {
        var label = document.createElement('label');
        var input = document.createElement('input');
        input.type = 'radio'; input.name = name; input.value = String(s);
        label.appendChild(input);
        label.appendChild(document.createTextNode(' ' + s));
        sets[i].appendChild(label);
      }
    }
  }

  function error(message) {
    var e = $('error');
    e.textContent = message || '';
    e.hidden = !message;
    if (message) { e.scrollIntoView({block: 'nearest'}); }
  }

  function post(path, body) {
    return fetch('/api/track/' + path, {
      method: 'POST', credentials: 'omit', cache: 'no-store',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return {status: r.status, json: json, retry: r.headers.get('Retry-After')};
      });
    });
  }

  function problem(answer) {
    if (answer.status === 404) { return t('error.notfound'); }
    if (answer.status === 429) {
      return t('error.toomany').replace('{s}', String(Math.max(1, Math.ceil(Number(answer.retry || 60) / 60))));
    }
    if (answer.status === 409) { return answer.json && /closed/.test(String(answer.json.type)) ? t('error.closed') : t('error.other'); }
    if (answer.status === 400 && answer.json && answer.json.errors) {
      return t('error.invalid') + answer.json.errors.map(function (f) {
        return t('field.' + f.field) + (lang === 'en' ? ' ' + f.message : '');
      }).join('; ');
    }
    return t('error.other');
  }

  function date(iso, zone) {
    try {
      return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {dateStyle: 'medium', timeStyle: 'short', timeZone: zone})
        .format(new Date(iso));
    } catch (e) {
      return new Date(iso).toLocaleString();
    }
  }

  function show(c) {
    shown = c;
    token = c.token;
    $('case-number').textContent = c.number;
    var order = ['received', 'being-looked-into', 'decision-made', 'being-carried-out', 'resolved', 'closed'];
    var at = order.indexOf(c.stage);
    var items = $('stages').children;
    for (var i = 0; i < items.length; i++) {
      items[i].className = i < at ? 'done' : i === at ? 'current' : '';
      if (i === at) { items[i].setAttribute('aria-current', 'step'); } else { items[i].removeAttribute('aria-current'); }
    }
    $('stage-text').textContent = t('explain.' + c.stage);
    $('next-date').hidden = !c.nextDate;
    $('next-date-value').textContent = c.nextDate ? date(c.nextDate, c.zone) : '';
    $('waiting').hidden = !c.waitingForCustomer;
    $('survey').hidden = !c.feedbackRequested;
    $('survey-thanks').hidden = !c.feedbackGiven || c.feedbackRequested;
    $('message').hidden = !c.open;
    var list = $('messages');
    while (list.firstChild) { list.removeChild(list.firstChild); }
    c.messages.forEach(function (m) {
      var li = document.createElement('li');
      li.className = m.direction;
      var time = document.createElement('time');
      time.dateTime = m.at;
      time.textContent = (m.direction === 'to-customer' ? t('messages.to') : t('messages.from')) + ' · ' + date(m.at, c.zone);
      li.appendChild(time);
      li.appendChild(document.createTextNode(m.text));
      list.appendChild(li);
    });
    $('no-messages').hidden = c.messages.length > 0;
    $('case').hidden = false;
    $('lookup-section').hidden = true;
    $('new-section').hidden = true;
  }

  function answer(a, after) {
    if (a.status >= 200 && a.status < 300 && a.json) { error(null); show(a.json); if (after) { after(); } return true; }
    error(problem(a));
    return false;
  }

  function value(form, name) {
    var v = form.elements[name] ? form.elements[name].value : '';
    return v && v.trim() ? v.trim() : null;
  }

  function checked(form, name) {
    var c = form.querySelector('input[name="' + name + '"]:checked');
    return c ? c.value : null;
  }

  document.addEventListener('DOMContentLoaded', function () {
    scores();
    translate();
    $('language').addEventListener('click', function () {
      lang = lang === 'zh' ? 'en' : 'zh';
      try { window.localStorage.setItem('redress.track.lang', lang); } catch (e) { /* private mode */ }
      translate();
    });
    $('lookup').addEventListener('submit', function (e) {
      e.preventDefault();
      post('lookup', {number: value(this, 'number') || '', contact: value(this, 'contact') || ''}).then(answer);
    });
    $('message').addEventListener('submit', function (e) {
      e.preventDefault();
      var form = this;
      $('message-sent').hidden = true;
      post('messages', {token: token, text: form.elements.text.value}).then(function (a) {
        answer(a, function () { form.reset(); $('message-sent').hidden = false; });
      });
    });
    $('survey').addEventListener('submit', function (e) {
      e.preventDefault();
      var satisfaction = checked(this, 'satisfaction');
      if (!satisfaction) { error(t('survey.choose')); return; }
      var score = function (f, n) { var v = checked(f, n); return v ? Number(v) : null; };
      post('feedback', {token: token, satisfaction: satisfaction, attitude: score(this, 'attitude'),
        speed: score(this, 'speed'), effectiveness: score(this, 'effectiveness'), comment: value(this, 'comment')})
        .then(answer);
    });
    $('another').addEventListener('click', function () {
      shown = null; token = null;
      $('case').hidden = true; $('lookup-section').hidden = false; $('new-section').hidden = false;
      $('received').hidden = true; error(null);
    });
    $('new').addEventListener('submit', function (e) {
      e.preventDefault();
      var form = this;
      var body = {customer: {name: value(form, 'name') || '', phone: value(form, 'phone'), email: value(form, 'email')},
        orderRef: value(form, 'orderRef'), description: value(form, 'description') || '',
        desiredOutcome: value(form, 'desiredOutcome'), website: form.elements.website.value};
      post('complaints', body).then(function (a) {
        if (a.status === 201 && a.json) {
          error(null);
          $('received-number').textContent = a.json.number;
          $('received').hidden = false;
          form.reset();
          post('open', {token: a.json.token}).then(answer);
        } else {
          error(problem(a));
        }
      });
    });
    var hash = /(?:^#|&)t=([^&]+)/.exec(window.location.hash || '');
    if (hash) {
      // the link's token leaves the address bar (and the history) once read
      history.replaceState(null, '', window.location.pathname);
      post('open', {token: decodeURIComponent(hash[1])}).then(answer);
    }
  });
})();
