# nsviz — see README.md. `make` builds; `sudo make demo` and `sudo make check` also install deps.
BUILD ?= build
V ?= 0
ifeq ($(V),1)
Q :=
msg := @true
else
Q := @
msg := @printf '  %-7s %s\n'
endif

CC ?= gcc
CLANG ?= clang
BPFTOOL ?= bpftool
PKGS := libbpf libmnl ncursesw libpcap libelf zlib jansson libmicrohttpd
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

# One include flag per part of user/ (cli topo net live observe model out).
USER_DIRS := user $(wildcard user/*/)
WARN := -Wall -Wextra -Werror
CFLAGS ?= -O2 -g
CFLAGS += $(WARN) -std=gnu11 -D_GNU_SOURCE -I$(BUILD) $(USER_DIRS:%=-I%) -Itui -Ibpf $(PKG_CFLAGS)
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
CFLAGS += -DNSVIZ_VERSION='"$(VERSION)"'

BPF_SRCS := $(wildcard bpf/*.bpf.c)
BPF_OBJS := $(BPF_SRCS:%.c=$(BUILD)/%.o)
SKEL := $(BUILD)/nsviz.skel.h
BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror -Ibpf -I.

LIB_SRCS := $(filter-out user/cli/main.c,$(wildcard user/*.c user/*/*.c tui/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
SAN_OBJS := $(LIB_SRCS:%.c=$(BUILD)/san/%.o)
TEST_SRCS := $(wildcard tests/unit/*.c tests/bpf/*.c)
TEST_BINS := $(TEST_SRCS:%.c=$(BUILD)/%)
TEST_SCRIPTS := $(wildcard tests/integration/*.sh)
.SECONDARY:

.PHONY: all deps demo check test tests bench clean vmlinux install uninstall
all: $(BUILD)/nsviz $(BUILD)/nsviz-san

deps:
	$(Q)./scripts/install-deps.sh

# Sub-makes so that pkg-config runs after the packages are installed.
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(BUILD)/nsviz

check: deps
	$(Q)$(MAKE) --no-print-directory all tests
	$(Q)$(MAKE) --no-print-directory test

tests: $(TEST_BINS)

# Benchmark programs (bench/*.c; the scripts in bench/ need only `make`).
BENCH_BINS := $(patsubst %.c,$(BUILD)/%,$(wildcard bench/*.c))
bench: $(BENCH_BINS)

$(BUILD)/bench/%: $(BUILD)/bench/%.o
	$(msg) LD $@
	$(Q)$(CC) $(CFLAGS) $^ $(PKG_LIBS) -o $@

# Every test prints TAP; prove counts. Integration tests use the sanitized binary.
test:
	$(Q)NSVIZ=$(abspath $(BUILD)/nsviz-san) NSVIZ_BUILD=$(abspath $(BUILD)) \
		NSVIZ_TOP=$(CURDIR) prove -f --exec '' $(PROVE_FLAGS) \
		$(TEST_BINS) $(if $(T),$(T),$(TEST_SCRIPTS))

$(BUILD)/bpf/%.bpf.o: bpf/%.bpf.c bpf/*.h vmlinux.h
	$(msg) BPF $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@
	$(Q)llvm-strip -g $@ 2>/dev/null || true

$(BUILD)/nsviz.bpf.o: $(BPF_OBJS)
	$(msg) LINK $@
	$(Q)$(BPFTOOL) gen object $@ $^

$(SKEL): $(BUILD)/nsviz.bpf.o
	$(msg) SKEL $@
	$(Q)$(BPFTOOL) gen skeleton $< name nsviz_bpf > $@

$(BUILD)/%.o: %.c $(SKEL)
	$(msg) CC $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/san/%.o: %.c $(SKEL)
	$(msg) CC-SAN $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(SAN) -MMD -MP -c $< -o $@

$(BUILD)/nsviz: $(BUILD)/user/cli/main.o $(LIB_OBJS)
	$(msg) LD $@
	$(Q)$(CC) $(CFLAGS) $^ $(PKG_LIBS) -lm -o $@

$(BUILD)/nsviz-san: $(BUILD)/san/user/cli/main.o $(SAN_OBJS)
	$(msg) LD $@
	$(Q)$(CC) $(CFLAGS) $(SAN) $^ $(PKG_LIBS) -lm -o $@

$(BUILD)/tests/%: $(BUILD)/san/tests/%.o $(SAN_OBJS)
	$(msg) LD $@
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(SAN) $^ $(PKG_LIBS) -lm -o $@

# `make install` (as root) copies what `make` built; it depends on the binary only, so after
# `make` it builds nothing. sbin: nsviz needs root for all but `show` and `--fake`, like ip(8).
PREFIX ?= /usr/local
SBINDIR := $(PREFIX)/sbin
MAN8DIR := $(PREFIX)/share/man/man8
COMPDIR := $(PREFIX)/share/bash-completion/completions
UNITDIR := $(PREFIX)/lib/systemd/system
EXAMPLEDIR := $(PREFIX)/share/doc/nsviz/examples
EXAMPLES := $(wildcard examples/*.topo)

# The unit in contrib names /usr/local/sbin/nsviz; the installed copy names $(SBINDIR)/nsviz.
install: $(BUILD)/nsviz
	install -D -m 0755 $(BUILD)/nsviz "$(DESTDIR)$(SBINDIR)/nsviz"
	install -D -m 0644 docs/nsviz.8 "$(DESTDIR)$(MAN8DIR)/nsviz.8"
	install -D -m 0644 contrib/bash-completion/nsviz "$(DESTDIR)$(COMPDIR)/nsviz"
	install -D -m 0644 -t "$(DESTDIR)$(EXAMPLEDIR)" $(EXAMPLES)
	install -D -m 0644 contrib/systemd/nsviz-export.service "$(DESTDIR)$(UNITDIR)/nsviz-export.service"
	sed -i 's|^ExecStart=/usr/local/sbin/nsviz |ExecStart=$(SBINDIR)/nsviz |' \
		"$(DESTDIR)$(UNITDIR)/nsviz-export.service"

uninstall:
	rm -f "$(DESTDIR)$(SBINDIR)/nsviz" "$(DESTDIR)$(MAN8DIR)/nsviz.8" "$(DESTDIR)$(COMPDIR)/nsviz" \
		"$(DESTDIR)$(UNITDIR)/nsviz-export.service" \
		$(foreach f,$(notdir $(EXAMPLES)),"$(DESTDIR)$(EXAMPLEDIR)/$(f)")
	for d in "$(DESTDIR)$(EXAMPLEDIR)" "$(DESTDIR)$(PREFIX)/share/doc/nsviz"; do \
		[ ! -d "$$d" ] || rmdir --ignore-fail-on-non-empty "$$d"; done

vmlinux:
	$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > vmlinux.h

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
