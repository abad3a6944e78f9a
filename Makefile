# frontmap: the newcomer's path is `make demo` and `make test`; both set themselves up.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.frontmap-installed

.PHONY: install demo test bench gazetteer clean

install: $(STAMP)

# A fresh virtualenv with frontmap (editable) and every extra the tests use,
# held to the versions in constraints.txt.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# The main job on the sample articles: claims and maps under maps/.
demo: $(STAMP)
	$(BIN)/frontmap places seeds/ --format table
	$(BIN)/frontmap extract seeds/ -o maps/seed-claims.geojson --overwrite
	$(BIN)/frontmap map seeds/ -o maps/seed.html --overwrite
	$(BIN)/frontmap map seeds/ --format png -o maps/seed.png --overwrite
	@echo "demo: wrote maps/seed.html and maps/seed.png"

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Figures for the README (need ../shared for the evaluation scripts).
bench: $(STAMP)
	$(BIN)/python bench/gazetteer.py
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/eval_places.py
	$(BIN)/python bench/eval_claims.py
	$(BIN)/python bench/eval_control.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/maps.py

# Rebuild data/gazetteer/ from the raw inputs in ../shared/data-sources.
gazetteer: $(STAMP)
	$(BIN)/frontmap gazetteer build --from ../shared/data-sources -o data/gazetteer

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
