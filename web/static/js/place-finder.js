// place-finder.js: suggestions for a trip destination's city as the person types.
//
// Progressive enhancement of the trip form (internal/tripweb, staff_trip_place.templ):
// without this script the "Find place" button brings the form back with the places
// found. With it, each destination's city field becomes an ARIA 1.2 combobox: after
// two letters it asks /staff/places for the places whose names begin with what was
// typed (in any language, accents aside), lists them below the field, and choosing
// one (arrow keys and Enter, or a click) writes its name, country and coordinates
// into the row. Typing the country and coordinates by hand stays possible.
(function () {
  'use strict';

  var MIN = 2;
  var DELAY = 200;

  function fold(s) {
    return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim();
  }

  // Trailing zeros of GeoNames' five decimals are not typed by anyone: 50.85000 → 50.85.
  function decimal(s) {
    return s.indexOf('.') < 0 ? s : s.replace(/0+$/, '').replace(/\.$/, '');
  }

  function setup(finder) {
    var row = finder.getAttribute('data-place-row');
    var url = finder.getAttribute('data-place-search');
    var input = document.getElementById('destination-' + row + '-city');
    if (!input || !url || !window.fetch) {
      return;
    }
    var field = function (name) { return document.getElementById('destination-' + row + '-' + name); };
    var status = finder.querySelector('.place-finder__status');
    var list = document.createElement('ul');
    list.id = 'destination-' + row + '-suggestions';
    list.className = 'place-suggest';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', finder.getAttribute('data-place-label') || '');
    list.hidden = true;
    input.parentNode.insertBefore(list, input.nextSibling);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('autocomplete', 'off');

    var places = [];
    var active = -1;
    var timer = 0;
    var asked = 0;
    var chose = false; // Enter chose a place: its keypress must not submit the form

    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(i) {
      var items = list.children;
      for (var j = 0; j < items.length; j++) {
        items[j].setAttribute('aria-selected', j === i ? 'true' : 'false');
      }
      active = i;
      if (i < 0) {
        input.removeAttribute('aria-activedescendant');
        return;
      }
      input.setAttribute('aria-activedescendant', items[i].id);
      items[i].scrollIntoView({ block: 'nearest' });
    }

    function choose(i) {
      var p = places[i];
      if (!p) {
        return;
      }
      input.value = p.name;
      var partner = field('partner');
      if (partner) {
        partner.value = '';
      }
      var country = field('country');
      if (country) {
        country.value = p.country;
      }
      var lat = field('lat');
      var lon = field('lon');
      if (lat && lon) {
        lat.value = decimal(p.lat);
        lon.value = decimal(p.lon);
      }
      close();
      say(finder.getAttribute('data-place-chosen').replace('%s', p.label));
    }

    function show(answer) {
      places = answer.places || [];
      list.textContent = '';
      places.forEach(function (p, j) {
        var li = document.createElement('li');
        li.id = list.id + '-' + j;
        li.className = 'place-suggest__option';
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = p.label;
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });
        li.addEventListener('click', function () { choose(j); });
        list.appendChild(li);
      });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      list.hidden = places.length === 0;
      input.setAttribute('aria-expanded', places.length ? 'true' : 'false');
      say(answer.message || '');
    }

    function ask() {
      var q = input.value;
      if (fold(q).length < MIN) {
        places = [];
        close();
        return;
      }
      var n = ++asked;
      fetch(url + '?limit=8&q=' + encodeURIComponent(q), {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' }
      }).then(function (res) {
        if (!res.ok) {
          throw new Error(String(res.status));
        }
        return res.json();
      }).then(function (answer) {
        if (n === asked && document.activeElement === input) {
          show(answer);
        }
      }).catch(function () {
        if (n === asked) {
          close();
          say(finder.getAttribute('data-place-failed') || '');
        }
      });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener('keydown', function (e) {
      var open = !list.hidden;
      switch (e.key) {
        case 'ArrowDown':
          if (!open && places.length) {
            list.hidden = false;
            input.setAttribute('aria-expanded', 'true');
          }
          if (places.length) {
            highlight((active + 1) % places.length);
            e.preventDefault();
          }
          break;
        case 'ArrowUp':
          if (open && places.length) {
            highlight(active <= 0 ? places.length - 1 : active - 1);
            e.preventDefault();
          }
          break;
        case 'Enter':
          if (open && active >= 0) {
            choose(active);
            chose = true;
            e.preventDefault();
          }
          break;
        case 'Escape':
          if (open) {
            close();
            e.preventDefault();
          }
          break;
      }
    });
    input.addEventListener('keypress', function (e) {
      if (e.key === 'Enter' && chose) {
        e.preventDefault();
      }
    });
    input.addEventListener('keyup', function (e) {
      if (e.key === 'Enter') {
        chose = false;
      }
    });
    input.addEventListener('blur', function () {
      setTimeout(close, 150);
    });
  }

  var finders = document.querySelectorAll('.place-finder[data-place-search]');
  for (var i = 0; i < finders.length; i++) {
    setup(finders[i]);
  }
})();
