# Thông suốt — entry points. `make run` sets up and starts everything; `make test` runs every
# test. Both install what is missing (Debian packages need root).
SHELL := /bin/bash
TS_HTTP_PORT ?= 8080
export TS_HTTP_PORT

.PHONY: run stop status deps test-deps build backend frontend test unit lint seed clean help fuzz faults valgrind bench soak

help:
	@echo "make run    - install, build, start PostgreSQL + backend + nginx on http://127.0.0.1:$(TS_HTTP_PORT)/"
	@echo "make stop   - stop everything"
	@echo "make test   - run every test (unit, SQL, API, browser) on a throwaway stack"
	@echo "make lint   - clang-format and cppcheck"
	@echo "make fuzz   - the long libFuzzer run (FUZZ_SECONDS per harness, default 600)"
	@echo "make faults - worker killed, PostgreSQL restarted, queue filled, under load (docs/reliability.md)"
	@echo "make valgrind - the API tests against a worker under valgrind memcheck"
	@echo "make bench - wrk benchmarks against the release build (BENCH_SCALE=province|national)"
	@echo "make soak - an hour of mixed load, worker memory sampled each minute (SOAK_MINUTES)"

deps:
	@MAKE_TARGET=run ops/install-deps

test-deps:
	@MAKE_TARGET=test ops/install-deps --test

backend:
	@$(MAKE) -s -C backend all

frontend:
	@cd frontend && npm run --silent build >/dev/null && echo "frontend: built into frontend/dist"

build: backend frontend

run: deps build
	@ops/stack start
	@echo
	@echo "Thông suốt đang chạy / is running:  http://127.0.0.1:$(TS_HTTP_PORT)/"
	@echo "  API health:  curl http://127.0.0.1:$(TS_HTTP_PORT)/api/health"
	@echo "  Stop:        make stop"
	@echo
	@echo "Tài khoản dùng thử / demo logins (mật khẩu / password: ThanhHoa@2025):"
	@echo "  xa.hacthanh        cán bộ UBND Phường Hạc Thành (commune_officer)"
	@echo "  xa.quangphu        cán bộ UBND Phường Quảng Phú (commune_officer)"
	@echo "  sxd.chuyenvien     chuyên viên Sở Xây dựng (department_officer)"
	@echo "  sxd.lanhdao        lãnh đạo Sở Xây dựng (department_head)"
	@echo "  syt.chuyenvien     chuyên viên Sở Y tế (department_officer)"
	@echo "  snv.tonghop        Sở Nội vụ, tổng hợp báo cáo (home_affairs)"
	@echo "  vpubnd.chuyenvien  Văn phòng UBND tỉnh (province_office)"
	@echo "  lanhdao.tinh       lãnh đạo UBND tỉnh (leadership)"
	@echo "  tinhuy.theodoi     cán bộ Tỉnh ủy, chỉ đọc (party_reader)"
	@echo "  quantri            quản trị hệ thống (admin)"

stop:
	@ops/stack stop

status:
	@ops/stack status

seed:
	@python3 ops/gen-seed.py

unit:
	@$(MAKE) -s -C backend unit

lint:
	@clang-format --dry-run -Werror backend/src/*.[ch] tests/unit/*.[ch] tests/fuzz/*.c && echo "clang-format: clean"
	@cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
	  --std=c11 --inline-suppr --suppressions-list=.cppcheck-suppressions \
	  -I backend/src -D_GNU_SOURCE backend/src tests/unit tests/fuzz && echo "cppcheck: clean"

test: test-deps build
	@$(MAKE) -s -C backend asan
	@tests/run

# The long fuzzing run (not part of make test): FUZZ_SECONDS per harness, default 10 minutes.
FUZZ_SECONDS ?= 600
fuzz: test-deps
	@tests/fuzz/run $(FUZZ_SECONDS)

# Faults under load on a throwaway stack of their own (ports 19180/55494; not part of make test).
faults: test-deps
	@$(MAKE) -s -C backend asan
	@ops/faults/run

# Benchmarks (docs/performance.md): BENCH_SCALE=province|national, BENCH_SECONDS per run.
BENCH_SCALE ?= province
BENCH_SECONDS ?= 10
bench: test-deps
	@ops/bench/run $(BENCH_SCALE) $(BENCH_SECONDS)

# Worker memory over a long mixed load: SOAK_MINUTES (default 60).
SOAK_MINUTES ?= 60
soak: test-deps
	@ops/bench/soak $(SOAK_MINUTES)

# The API test suite against the release build under valgrind memcheck (slow: several minutes).
valgrind: test-deps
	@$(MAKE) -s -C backend all
	@ops/valgrind-run

clean:
	rm -rf build frontend/dist
