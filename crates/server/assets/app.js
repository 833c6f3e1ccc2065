// Progressive enhancement only: every page works without this file.
(function () {
  // Filter the rows of a table by the text typed into its filter box.
  document.querySelectorAll('[data-filter-for]').forEach(function (input) {
    var table = document.getElementById(input.getAttribute('data-filter-for'));
    if (!table) return;
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      table.querySelectorAll('tbody tr').forEach(function (tr) {
        tr.hidden = q !== '' && tr.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });

  // 全选: tick every report of the review queue for a batch decision.
  var all = document.getElementById('choose-all');
  if (all) {
    all.addEventListener('change', function () {
      document.querySelectorAll('input[name="report"][form="batch-form"]').forEach(function (c) {
        c.checked = all.checked;
      });
    });
  }

  // Files heavier than the server takes are refused here, before minutes of sending.
  document.querySelectorAll('input[type="file"][data-max-bytes]').forEach(function (input) {
    var max = parseInt(input.getAttribute('data-max-bytes'), 10);
    function check() {
      var total = 0;
      Array.prototype.forEach.call(input.files || [], function (f) { total += f.size; });
      input.setCustomValidity(total > max ? input.getAttribute('data-too-large') : '');
      return total <= max;
    }
    input.addEventListener('change', function () { if (!check()) input.reportValidity(); });
    if (input.form) {
      input.form.addEventListener('submit', function (e) {
        if (!check()) { e.preventDefault(); input.reportValidity(); }
      });
    }
  });

  // 打印: print the page (the print stylesheet hides everything but the content).
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  });

  // 字号 大/中/小: the reading size of public pages, remembered on this device.
  var sizes = document.querySelectorAll('button[data-font]');
  function setFont(size) {
    document.documentElement.setAttribute('data-font', size);
    sizes.forEach(function (b) {
      b.setAttribute('aria-pressed', b.getAttribute('data-font') === size ? 'true' : 'false');
    });
    try { localStorage.setItem('luoshi-font', size); } catch (e) { /* private mode */ }
  }
  if (sizes.length) {
    var saved = null;
    try { saved = localStorage.getItem('luoshi-font'); } catch (e) { /* private mode */ }
    setFont(saved === 'large' || saved === 'small' ? saved : 'medium');
    sizes.forEach(function (b) {
      b.hidden = false;
      b.addEventListener('click', function () { setFont(b.getAttribute('data-font')); });
    });
  }
})();
