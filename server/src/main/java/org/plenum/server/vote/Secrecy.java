package org.plenum.server.vote;

/** Biểu quyết công khai (NAMED: who chose what is recorded) or bỏ phiếu kín (SECRET: only who voted is). */
public enum Secrecy { NAMED, SECRET }
