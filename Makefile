# yanglao: `make site` builds the sample site, `make test` runs the tests.
SWIFT      ?= swift
JOBS       ?= 2
DB         ?= content/yanglao.sqlite
OUT        ?= site
BASE_URL   ?= /
APT_PKGS   := libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev zlib1g-dev pkg-config
RELEASE    := .build/release/yanglao
DATA_CSV   := $(wildcard content/data/*.csv)

.PHONY: site test check-data check-a11y bench deps db build clean serve

site: deps build db
	$(RELEASE) build --db $(DB) --content content --out $(OUT) --base-url $(BASE_URL)
	@echo
	@echo "Site ready in $(OUT)/ — to look at it:"
	@echo "  python3 -m http.server 8000 --directory $(OUT)   then open http://localhost:8000/"
	@echo "Data downloads are in $(OUT)/data/ (catalogue: http://localhost:8000/data/)."

# Installs missing Debian packages when run as root; otherwise says what to install.
deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing; \
	  else \
	    echo "missing system packages:$$missing"; echo "install them with: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c release -j $(JOBS) --product yanglao

# The sample database is built from the CSV text in content/data (never committed).
db: $(DB)
$(DB): $(DATA_CSV) | build
	$(RELEASE) load --db $(DB) content/data

test: deps
	$(SWIFT) build -j $(JOBS) --build-tests
	$(SWIFT) test -j $(JOBS) --skip-build --disable-swift-testing

# Open-data checks on the sample site: CSV vs database, checksums, Frictionless.
check-data: site
	@(command -v frictionless >/dev/null 2>&1 && python3 -c "import pandas" 2>/dev/null) || python3 -m pip install -q frictionless pandas \
	  || python3 -m pip install -q --break-system-packages frictionless pandas
	python3 tools/check_data.py $(OUT) $(DB)

# Accessibility (axe-core, WCAG 2.1 A/AA) and 360 px layout in headless Chromium.
check-a11y: site
	bash tools/check_a11y.sh $(OUT)

# Not part of CI: 20 000 and 400 000 synthetic facilities against Hugo and cp -r (see docs/benchmarks.md).
bench: deps
	bash tools/bench.sh

serve: build db
	$(RELEASE) serve --db $(DB) --content content --out preview

clean:
	rm -rf .build $(OUT) $(DB) $(dir $(OUT)).$(notdir $(OUT)).yanglao-inputs
