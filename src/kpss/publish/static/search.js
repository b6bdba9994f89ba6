/*
 * Offline search of the kpss web catalogue (vyhledávání v katalogu).
 *
 * A classic script, so that pages opened from disk still load it: the Pagefind module is
 * imported only when someone searches. Pagefind needs HTTP (ES modules + WebAssembly); from
 * file:// the results region says how to search instead (kpss serve).
 *
 * The page has <form role="search"> with <input id="kpss-q">; where it also has
 * <div id="kpss-search-results" aria-live="polite"> (home page, hledat.html) the results
 * appear there as one types, otherwise the form goes to hledat.html?q=...
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = (script && script.getAttribute("data-kpss-root")) || "";
  var bundleUrl = script ? new URL(".", script.src).href : new URL(root + "pagefind/", document.baseURI).href;
  var PAGE = 10;
  var DELAY = 250;
  var TYPES = {
    service: "Služba",
    provider: "Poskytovatel",
    obec: "Obec",
    kind: "Druh služby",
    group: "Cílová skupina",
    situation: "Životní situace"
  };

  var engine = null;

  /* Czech endings one word form adds to another ("seniory", "senioři", "seniorům"). */
  var ENDING = /(ami|emi|ovi|ech|ich|ych|ymi|imi|eho|emu|ymu|imu|ym|im|em|om|um|am|ou|a|e|i|o|u|y)$/;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /*
   * Pagefind folds diacritics and matches word prefixes but has no Czech stemmer: dropping
   * one ending from each word of the query lets "seniorům" find "seniory" and "senioři".
   */
  function widen(query) {
    return fold(query)
      .split(/\s+/)
      .filter(Boolean)
      .map(function (word) {
        var stem = word.replace(ENDING, "");
        return /^[a-z]{4,}$/.test(word) && stem.length >= 3 ? stem : word;
      })
      .join(" ");
  }

  function loadEngine() {
    if (!engine) {
      engine = import(bundleUrl + "pagefind.js").then(function (pagefind) {
        return pagefind.options({ baseUrl: "/", excerptLength: 0 }).then(function () {
          return pagefind.init();
        }).then(function () {
          return pagefind;
        });
      });
      engine.catch(function () {
        engine = null;
      });
    }
    return engine;
  }

  /* "Nalezeno 12 výsledků": Czech needs three forms (1; 2–4; 0 and 5 and more). */
  function foundText(count) {
    if (count === 0) {
      return "Nic nenalezeno.";
    }
    if (count === 1) {
      return "Nalezen 1 výsledek.";
    }
    if (count >= 2 && count <= 4) {
      return "Nalezeny " + count + " výsledky.";
    }
    return "Nalezeno " + count.toLocaleString("cs-CZ") + " výsledků.";
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /* A result URL is the page's path under the site root ("/sluzby/1.html"). */
  function pageUrl(url) {
    var path = String(url || "").replace(/^\/+/, "");
    if (!/^[A-Za-z0-9][A-Za-z0-9._\/-]*$/.test(path) || path.indexOf("..") !== -1) {
      return null;
    }
    return root + path;
  }

  /* Marked up like the catalogue's own lists (.kpss-list, .kpss-summary), so it looks alike. */
  function resultItem(data) {
    var meta = data.meta || {};
    var href = pageUrl(data.url);
    var item = element("li", "kpss-search-result");
    var link = element("a", "kpss-search-result-title", meta.title || data.url);
    if (href) {
      link.href = href;
    }
    item.appendChild(link);
    var summary = element("span", "kpss-summary");
    if (TYPES[meta.type]) {
      summary.appendChild(element("span", "kpss-search-result-type", TYPES[meta.type]));
    }
    if (meta.summary) {
      if (summary.firstChild) {
        summary.appendChild(document.createTextNode(" · "));
      }
      summary.appendChild(element("span", "kpss-search-result-summary", meta.summary));
    }
    if (summary.firstChild) {
      item.appendChild(summary);
    }
    return item;
  }

  /*
   * The status line is what a screen reader announces ("Nalezeno 12 výsledků."); the
   * results region itself stops being live, or every shown result would be read out.
   */
  function status(text) {
    var line = element("p", "kpss-search-status", text);
    line.setAttribute("role", "status");
    return line;
  }

  function Search(form, input, region) {
    this.form = form;
    this.input = input;
    this.region = region;
    this.timer = null;
    this.serial = 0;
  }

  Search.prototype.show = function (nodes) {
    var region = this.region;
    while (region.firstChild) {
      region.removeChild(region.firstChild);
    }
    nodes.forEach(function (node) {
      region.appendChild(node);
    });
  };

  Search.prototype.message = function (text) {
    this.show([status(text)]);
  };

  Search.prototype.run = function (query) {
    var self = this;
    var serial = ++this.serial;
    query = query.trim();
    if (!query) {
      this.show([]);
      return Promise.resolve();
    }
    if (window.location.protocol === "file:") {
      this.message(
        "Vyhledávání funguje na webu katalogu nebo v\u00a0náhledu spuštěném příkazem " +
          "„kpss serve SLOŽKA“. Stránky katalogu můžete procházet i\u00a0bez něj."
      );
      return Promise.resolve();
    }
    return loadEngine()
      .then(function (pagefind) {
        return pagefind.search(widen(query));
      })
      .then(function (search) {
        if (serial !== self.serial) {
          return;
        }
        if (!search) {
          return;
        }
        var line = status(foundText(search.results.length));
        var list = element("ol", "kpss-list kpss-search-list");
        self.show(search.results.length ? [line, list] : [line]);
        return self.more(search.results, 0, list, serial);
      })
      .catch(function () {
        if (serial === self.serial) {
          self.message("Vyhledávání se nepodařilo načíst. Zkuste stránku načíst znovu.");
        }
      });
  };

  /* Loads and appends the next PAGE results; a button offers the rest. */
  Search.prototype.more = function (results, start, list, serial) {
    var self = this;
    var slice = results.slice(start, start + PAGE);
    return Promise.all(
      slice.map(function (result) {
        return result.data();
      })
    ).then(function (pages) {
      if (serial !== self.serial) {
        return;
      }
      var first = null;
      pages.forEach(function (data) {
        var item = resultItem(data);
        first = first || item;
        list.appendChild(item);
      });
      var rest = results.length - start - slice.length;
      if (rest > 0) {
        var button = element("button", "kpss-search-more", "Zobrazit další výsledky");
        button.type = "button";
        button.addEventListener("click", function () {
          button.parentNode.removeChild(button);
          self.more(results, start + PAGE, list, serial).then(function (added) {
            var link = added && added.querySelector("a");
            if (link) {
              link.focus();
            }
          });
        });
        self.region.appendChild(button);
      }
      return first;
    });
  };

  Search.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      self.run(self.input.value);
    }, DELAY);
  };

  Search.prototype.remember = function (query) {
    if (!window.history || !window.history.replaceState) {
      return;
    }
    var url = new URL(window.location.href);
    if (query.trim()) {
      url.searchParams.set("q", query.trim());
    } else {
      url.searchParams.delete("q");
    }
    window.history.replaceState(null, "", url.href);
  };

  Search.prototype.start = function () {
    var self = this;
    this.input.addEventListener("input", function () {
      self.schedule();
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(self.timer);
      self.remember(self.input.value);
      self.run(self.input.value);
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      this.input.value = query;
      this.run(query);
    }
  };

  function start() {
    var input = document.getElementById("kpss-q");
    var region = document.getElementById("kpss-search-results");
    var form = input && input.form;
    if (!input || !form || !region) {
      return;
    }
    region.setAttribute("aria-live", "off");
    new Search(form, input, region).start();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
